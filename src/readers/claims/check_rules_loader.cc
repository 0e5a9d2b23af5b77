#include "readers/claims/check_rules_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <optional>

#include "core/error.h"
#include "core/text.h"
#include "io/yaml_map.h"

namespace kokuho {
namespace {

using claims::RuleTable;

std::uint32_t CodeAt(YamlMap& row, const std::string& key, std::size_t digits) {
  const YAML::Node n = row.Require(key);
  const std::string t = ScalarText(n, row.PosOf(n), row.where() + "." + key);
  if (t.size() != digits ||
      !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw InputError(row.PosOf(n), fmt::format("{}.{}: {}は{}桁のコードではありません", row.where(),
                                               key, Quoted(t), digits));
  return static_cast<std::uint32_t>(std::stoul(t));
}

// Rows of an entry: the list under `rules`.
std::vector<YAML::Node> Rows(YamlMap& entry) {
  const YAML::Node list = entry.Require("rules");
  if (!list.IsSequence())
    throw InputError(entry.PosOf(list),
                     entry.where() + ".rules: 行のリスト (- code: …) で書いてください");
  std::vector<YAML::Node> out;
  for (const YAML::Node& n : list) out.push_back(n);
  return out;
}

std::string SourceOf(YamlMap& row) {
  const std::string s = row.Text("source");
  if (s.empty())
    throw InputError(row.pos(),
                     row.where() + ".source: この行の出典 (告示・通知・表) を書いてください");
  return s;
}

// A drug row is keyed by `code` (医薬品コード) or `generic` (一般名コード prefix).
void DrugKey(YamlMap& row, std::string& prefix, std::uint32_t& code) {
  if (row.Has("code") == row.Has("generic"))
    throw InputError(row.pos(), row.where() +
                                    ": code (医薬品コード、9桁) か generic (一般名コードの先頭、"
                                    "例: 1129009) のどちらか一方を書いてください");
  if (row.Has("code")) {
    code = CodeAt(row, "code", 9);
  } else {
    prefix = row.Text("generic");
    if (prefix.empty() || prefix.size() > 12)
      throw InputError(row.pos(),
                       row.where() + ".generic: 一般名コードの1〜12文字を書いてください");
  }
}

// The unit of a 背反 pair (日・月・同時・週) or of a 包括 group (日・月・同時: the 包括単位 01–03;
// 05 手術前1週間 and 06 1手術につき are not supported).
claims::PairUnit PairUnitAt(YamlMap& row, bool week) {
  const YAML::Node n = row.Require("unit");
  const std::string t = ScalarText(n, row.PosOf(n), row.where() + ".unit");
  claims::PairUnit u;
  if (!claims::ParsePairUnit(t, u) || (!week && u == claims::PairUnit::kWeek))
    throw InputError(row.PosOf(n),
                     fmt::format("{}.unit: {}は使えません ({})", row.where(), Quoted(t),
                                 week ? "日、月、同時、週 のいずれかを書いてください"
                                      : "日、月、同時 (包括単位 01、02、03) のいずれかを書いて"
                                        "ください"));
  return u;
}

template <typename T, typename Key>
void Upsert(std::vector<T>& rows, T row, Key key) {
  for (T& r : rows)
    if (key(r) == key(row)) {
      r = std::move(row);
      return;
    }
  rows.push_back(std::move(row));
}

void ReadEntry(const std::string& series, ResolvedEntry& e, RuleTable& t) {
  const std::string where = e.Where();
  if (series == "frequency") {
    e.map.ExpectKeys(ResolvedEntry::Fields({"rules"}));
    for (const YAML::Node& n : Rows(e.map)) {
      YamlMap row(n, e.file, series + " row");
      row.ExpectKeys(
          {"code", "name", "period", "limit", "across_institutions", "special", "source"});
      claims::FrequencyRule r;
      r.code = CodeAt(row, "code", 9);
      r.name = row.OptionalText("name").value_or("");
      const YAML::Node p = row.Require("period");
      if (!claims::ParsePeriod(ScalarText(p, row.PosOf(p), "period"), r.period))
        throw InputError(
            row.PosOf(p),
            "frequency.period: 日、週、2週、月、2月、3月、4月、6月、12月、5年、年度、患者当たり"
            " か算定単位コード (121、138、142、131、143〜148、162、53) を書いてください");
      r.limit = row.Integer("limit", 1, 999);
      r.across_institutions = row.OptionalBool("across_institutions").value_or(false);
      r.special = row.OptionalBool("special").value_or(false);
      r.source = SourceOf(row);
      row.RejectUnknownKeys();
      Upsert(t.frequency, std::move(r), [](const claims::FrequencyRule& x) {
        return std::tuple(x.code, x.period.unit_code, x.across_institutions);
      });
    }
  } else if (series == "first_visit" || series == "prescription_fee") {
    e.map.ExpectKeys(ResolvedEntry::Fields({"rules", "gap_months"}));
    if (series == "first_visit") {
      if (e.map.Has("gap_months")) t.first_visit_gap_months = e.map.Integer("gap_months", 1, 12);
      t.first_visit_source = e.source;
    }
    for (const YAML::Node& n : Rows(e.map)) {
      YamlMap row(n, e.file, series + " row");
      row.ExpectKeys({"code", "name", "source"});
      claims::CodeRule r;
      r.code = CodeAt(row, "code", 9);
      r.name = row.OptionalText("name").value_or("");
      r.source = SourceOf(row);
      row.RejectUnknownKeys();
      auto& rows = series == "first_visit" ? t.first_visit : t.prescription_fee;
      Upsert(rows, std::move(r), [](const claims::CodeRule& x) { return x.code; });
    }
  } else if (series == "drug_days") {
    e.map.ExpectKeys(ResolvedEntry::Fields({"rules"}));
    for (const YAML::Node& n : Rows(e.map)) {
      YamlMap row(n, e.file, series + " row");
      row.ExpectKeys({"code", "generic", "name", "max_days", "special", "source"});
      claims::DrugDaysRule r;
      DrugKey(row, r.generic_prefix, r.code);
      r.name = row.OptionalText("name").value_or("");
      r.max_days = row.Integer("max_days", 1, 365);
      r.special = row.OptionalBool("special").value_or(false);
      r.source = SourceOf(row);
      row.RejectUnknownKeys();
      Upsert(t.drug_days, std::move(r),
             [](const claims::DrugDaysRule& x) { return std::tuple(x.code, x.generic_prefix); });
    }
  } else if (series == "drug_dose") {
    e.map.ExpectKeys(ResolvedEntry::Fields({"rules"}));
    for (const YAML::Node& n : Rows(e.map)) {
      YamlMap row(n, e.file, series + " row");
      row.ExpectKeys({"code", "generic", "name", "max_daily", "source"});
      claims::DrugDoseRule r;
      DrugKey(row, r.generic_prefix, r.code);
      r.name = row.OptionalText("name").value_or("");
      const YAML::Node q = row.Require("max_daily");
      const std::string text = ScalarText(q, row.PosOf(q), "max_daily");
      // A decimal with up to 5 places, as IY 使用量 (× 100000).
      const std::size_t dot = text.find('.');
      const std::string ip = text.substr(0, dot),
                        fp = dot == std::string::npos ? "" : text.substr(dot + 1);
      if (ip.empty() || ip.size() > 7 || fp.size() > 5 ||
          !std::all_of(ip.begin(), ip.end(), ::isdigit) ||
          !std::all_of(fp.begin(), fp.end(), ::isdigit))
        throw InputError(row.PosOf(q), "drug_dose.max_daily: 2 や 0.5 のような数を書いてください");
      r.max_daily =
          std::stoll(ip) * 100000 + (fp.empty() ? 0 : std::stoll((fp + "00000").substr(0, 5)));
      r.source = SourceOf(row);
      row.RejectUnknownKeys();
      Upsert(t.drug_dose, std::move(r),
             [](const claims::DrugDoseRule& x) { return std::tuple(x.code, x.generic_prefix); });
    }
  } else if (series == "indication") {
    e.map.ExpectKeys(ResolvedEntry::Fields({"rules"}));
    for (const YAML::Node& n : Rows(e.map)) {
      YamlMap row(n, e.file, series + " row");
      row.ExpectKeys({"code", "generic", "name", "icd10", "source"});
      claims::IndicationRule r;
      DrugKey(row, r.generic_prefix, r.code);
      r.name = row.OptionalText("name").value_or("");
      const YAML::Node list = row.Require("icd10");
      if (!list.IsSequence() || list.size() == 0)
        throw InputError(row.PosOf(list),
                         "indication.icd10: [E11, E14] のようなリストで書いてください");
      for (const YAML::Node& c : list) r.icd10.push_back(ScalarText(c, row.PosOf(c), "icd10"));
      r.source = SourceOf(row);
      row.RejectUnknownKeys();
      Upsert(t.indication, std::move(r),
             [](const claims::IndicationRule& x) { return std::tuple(x.code, x.generic_prefix); });
    }
  } else if (series == "exclusive") {
    // 背反テーブル 03-1..4: code1, code2, 背反区分 (keep), 特例条件 (special).
    e.map.ExpectKeys(ResolvedEntry::Fields({"rules"}));
    for (const YAML::Node& n : Rows(e.map)) {
      YamlMap row(n, e.file, series + " row");
      row.ExpectKeys({"code1", "name1", "code2", "name2", "unit", "keep", "special", "source"});
      claims::ExclusiveRule r;
      r.code1 = CodeAt(row, "code1", 9);
      r.code2 = CodeAt(row, "code2", 9);
      if (r.code1 == r.code2)
        throw InputError(row.pos(), row.where() + ": code1 と code2 が同じコードです");
      r.name1 = row.OptionalText("name1").value_or("");
      r.name2 = row.OptionalText("name2").value_or("");
      r.unit = PairUnitAt(row, /*week=*/true);
      r.keep = static_cast<claims::KeepSide>(row.Integer("keep", 1, 3));
      r.special = row.OptionalBool("special").value_or(false);
      r.source = SourceOf(row);
      row.RejectUnknownKeys();
      Upsert(t.exclusive, std::move(r), [](const claims::ExclusiveRule& x) {
        return std::tuple(std::min(x.code1, x.code2), std::max(x.code1, x.code2), x.unit);
      });
    }
  } else if (series == "inclusive") {
    // 包括テーブル 02 (group members with 特例条件) with the main code's 包括単位 and グループ番号
    // from the 補助マスターテーブル 01.
    e.map.ExpectKeys(ResolvedEntry::Fields({"rules"}));
    for (const YAML::Node& n : Rows(e.map)) {
      YamlMap row(n, e.file, series + " row");
      row.ExpectKeys({"code", "name", "group", "unit", "included", "special", "source"});
      claims::InclusiveRule r;
      r.code = CodeAt(row, "code", 9);
      r.name = row.OptionalText("name").value_or("");
      r.group = row.OptionalText("group").value_or("");
      r.unit = PairUnitAt(row, /*week=*/false);
      const YAML::Node list = row.Require("included");
      if (!list.IsSequence() || list.size() == 0)
        throw InputError(row.PosOf(list),
                         row.where() +
                             ".included: 包括される項目を [{code: \"160010010\", name: …}] の"
                             "ようなリストで書いてください");
      for (const YAML::Node& m : list) {
        YamlMap member(m, e.file, "inclusive.included");
        member.ExpectKeys({"code", "name", "special"});
        claims::InclusiveRule::Member x;
        x.code = CodeAt(member, "code", 9);
        if (x.code == r.code)
          throw InputError(member.pos(), member.where() + ": 包括する項目自身のコードです");
        x.name = member.OptionalText("name").value_or("");
        x.special = member.OptionalBool("special").value_or(false);
        member.RejectUnknownKeys();
        r.included.push_back(std::move(x));
      }
      r.special = row.OptionalBool("special").value_or(false);
      r.source = SourceOf(row);
      row.RejectUnknownKeys();
      Upsert(t.inclusive, std::move(r),
             [](const claims::InclusiveRule& x) { return std::tuple(x.code, x.unit, x.group); });
    }
  } else {
    throw InputError(e.map.pos(),
                     fmt::format("{}: 系列 {}は使えません (使える系列: frequency、first_visit、"
                                 "prescription_fee、drug_days、drug_dose、indication、"
                                 "exclusive、inclusive)",
                                 where, Quoted(series)));
  }
  e.map.RejectUnknownKeys();
}

}  // namespace

ClaimsRuleBook::ClaimsRuleBook(const std::string& user_dir, YearPolicy policy) : policy_(policy) {
  files_.push_back(ParameterFile::Embedded(kClaimsRulesFile));
  if (!user_dir.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_directory(user_dir, ec))
      throw InputError({user_dir, 0, 0},
                       "--rules にはフォルダを指定してください (*.yaml の規則表)");
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(user_dir, ec))
      if (e.is_regular_file() &&
          (e.path().extension() == ".yaml" || e.path().extension() == ".yml"))
        names.push_back(e.path().string());
    std::sort(names.begin(), names.end());
    if (names.empty())
      throw InputError({user_dir, 0, 0}, "このフォルダに規則表 (*.yaml) がありません");
    for (const std::string& n : names) files_.push_back(ParameterFile::FromPath(n));
  }
  // Every series must be a month series (a year series cannot say from which 診療年月).
  for (const ParameterFile& f : files_)
    for (const ParameterSeries* s : f.AllSeries())
      if (!s->monthly)
        throw InputError(s->pos, s->name +
                                     ": 点検の規則表は period: month (診療年月から適用) "
                                     "で書いてください");
}

std::vector<std::string> ClaimsRuleBook::Files() const {
  std::vector<std::string> out;
  for (const ParameterFile& f : files_) out.push_back(f.file());
  return out;
}

const claims::RuleTable& ClaimsRuleBook::For(std::int32_t month) {
  auto it = cache_.find(month);
  if (it != cache_.end()) return it->second;
  RuleTable t;
  std::set<std::string> missing, found;
  for (const ParameterFile& f : files_)
    for (const ParameterSeries* s : f.AllSeries()) {
      std::optional<ResolvedEntry> e = f.TryResolveMonth(s->name, month, policy_, notes_);
      if (!e) {
        // A later file may still give rows; the gap is reported only if none does.
        missing.insert(s->name);
        continue;
      }
      found.insert(s->name);
      t.from_month = std::max(t.from_month, e->from_month);
      ReadEntry(s->name, *e, t);
    }
  for (const std::string& name : missing)
    if (!found.count(name)) gaps_[name].insert(month);
  t.Index();
  return cache_.emplace(month, std::move(t)).first->second;
}

std::vector<std::string> ClaimsRuleBook::Gaps() const {
  // Series with the same months make one line.
  std::map<std::set<std::int32_t>, std::string> by_months;
  for (const auto& [series, months] : gaps_) {
    std::string& names = by_months[months];
    names += (names.empty() ? "" : "・") + series;
  }
  std::vector<std::string> out;
  for (const auto& [months, names] : by_months) {
    std::string list;
    for (std::int32_t m : months)
      list += fmt::format("{}{}年{}月", list.empty() ? "" : "・", m / 100, m % 100);
    out.push_back(
        fmt::format("規則表の {} には診療年月 {} に適用する値がないため、その月の"
                    "レセプトにはこれらの規則を当てていません (規則表の値は各系列の"
                    "最初の from の月から適用されます)",
                    names, list));
  }
  return out;
}

claims::ListParams LoadListParams(FiscalYear year, const std::string& user_file,
                                  const YearPolicy& policy, ParameterNotes& notes,
                                  std::vector<std::string>& sources) {
  const ParameterFile embedded = ParameterFile::Embedded(kClaimsListFile);
  std::optional<ParameterFile> user;
  if (!user_file.empty()) user = ParameterFile::FromPath(user_file);
  claims::ListParams p;
  auto resolve = [&](const std::string& series, const std::string& label) {
    const ParameterFile& f = user && user->Has(series) ? *user : embedded;
    ResolvedEntry e = f.Resolve(series, year, policy, notes);
    sources.push_back(fmt::format("{}: {} ({})", label, e.source, e.Where()));
    return e;
  };
  {
    ResolvedEntry e = resolve("duplicate_visits", "重複受診");
    e.map.ExpectKeys(ResolvedEntry::Fields({"institutions", "months"}));
    p.dup_institutions = e.map.Integer("institutions", 2, 20);
    p.dup_months = e.map.Integer("months", 1, 24);
    e.map.RejectUnknownKeys();
  }
  {
    ResolvedEntry e = resolve("frequent_visits", "頻回受診");
    e.map.ExpectKeys(ResolvedEntry::Fields({"days", "months"}));
    p.freq_days = e.map.Integer("days", 2, 31);
    p.freq_months = e.map.Integer("months", 1, 24);
    e.map.RejectUnknownKeys();
  }
  {
    ResolvedEntry e = resolve("duplicate_medication", "重複服薬");
    e.map.ExpectKeys(
        ResolvedEntry::Fields({"institutions_for_one", "institutions_for_two", "efficacy_digits"}));
    p.med_one = e.map.Integer("institutions_for_one", 2, 20);
    p.med_two = e.map.Integer("institutions_for_two", 2, 20);
    p.efficacy_digits = e.map.Integer("efficacy_digits", 1, 12);
    e.map.RejectUnknownKeys();
  }
  {
    ResolvedEntry e = resolve("polypharmacy", "多剤服薬");
    e.map.ExpectKeys(ResolvedEntry::Fields({"drugs", "min_days"}));
    p.poly_drugs = e.map.Integer("drugs", 2, 50);
    p.poly_min_days = e.map.Integer("min_days", 1, 31);
    e.map.RejectUnknownKeys();
  }
  {
    ResolvedEntry e = resolve("generic_notice", "後発医薬品差額通知");
    e.map.ExpectKeys(ResolvedEntry::Fields({"min_saving_per_drug", "min_saving_per_person",
                                            "min_days", "min_age", "excluded_efficacy"}));
    p.min_saving_per_drug = e.map.Integer("min_saving_per_drug", 0, 1000000);
    p.min_saving_per_person = e.map.Integer("min_saving_per_person", 0, 1000000);
    p.min_days = e.map.Integer("min_days", 0, 365);
    p.min_age = e.map.Integer("min_age", 0, 120);
    if (auto ex = e.map.Optional("excluded_efficacy"))
      for (const YAML::Node& n : *ex) p.excluded_efficacy.push_back(n.Scalar());
    e.map.RejectUnknownKeys();
  }
  {
    ResolvedEntry e = resolve("third_party", "第三者行為");
    e.map.ExpectKeys(ResolvedEntry::Fields({"icd10", "words"}));
    for (const YAML::Node& n : e.map.Require("icd10")) p.injury_icd10.push_back(n.Scalar());
    for (const YAML::Node& n : e.map.Require("words")) p.injury_words.push_back(n.Scalar());
    e.map.RejectUnknownKeys();
  }
  return p;
}

}  // namespace kokuho
