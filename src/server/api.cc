#include "server/api.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "core/error.h"
#include "core/fiscal_year.h"
#include "core/municipality_code.h"
#include "core/yen.h"
#include "io/csv_writer.h"
#include "io/value_parser.h"
#include "io/xlsx_writer.h"
#include "nofukin/engine.h"
#include "premium/instalments.h"
#include "premium/levy.h"
#include "readers/household_loader.h"
#include "report/levy_tables.h"
#include "report/rate_set_json.h"
#include "scenario/year_case.h"
#include "server/messages_ja.h"

namespace kokuho::server {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// Credit line required wherever the 行政区域 boundaries are drawn (data/geo/SOURCE.md).
constexpr const char* kGeoCredit = "出典：国土交通省 国土数値情報（行政区域データ）を加工して作成";

// Fiscal years the household calculator tries (data/premium/national.yaml decides which
// of them have rules; the rates file which have rates).

// Limits of a download request (the HTTP layer also caps the body size).
constexpr size_t kMaxExportColumns = 100;
constexpr size_t kMaxExportRows = 10'000;
constexpr size_t kMaxCellBytes = 1'000;
constexpr int kMaxJsonDepth = 16;

// The nearest double (GMP's mpq_get_d truncates: 1/100 would show as 0.009999999999999998).
double ToDisplay(const Rational& r) { return std::stod(r.ToDecimalString(13)); }

Yen HalfUp(const Rational& r) { return r.ToYen(RoundingMode::kHalfUp); }

/// A number from JSON: an integer, a decimal, or a string such as "0.5" or "95%".
std::optional<Rational> NumberOf(const json& v) {
  if (v.is_number_integer()) return Rational(v.get<std::int64_t>());
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (!std::isfinite(d)) return std::nullopt;
    return TryParseNumber(fmt::format("{:.12f}", d));
  }
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (s.size() > 32) return std::nullopt;
    return TryParseNumber(s);
  }
  return std::nullopt;
}

struct Range {
  Rational min, max;
  bool min_open = false;
  bool max_open = false;
  bool Contains(const Rational& x) const {
    if (min_open ? x <= min : x < min) return false;
    if (max_open ? x >= max : x > max) return false;
    return true;
  }
  /// In words: [0, 1] → "0以上1以下", (0, 3] → "0より大きく3以下".
  std::string Text() const {
    return fmt::format("{}{}{}{}", min.ToString(), min_open ? "より大きく" : "以上", max.ToString(),
                       max_open ? "未満" : "以下");
  }
};

/// A value the client sent, for its message (scenario coefficients only, never a household's
/// figure): the JSON text, at most 32 bytes, cut at a character boundary.
std::string Shown(const json& v) {
  std::string t =
      v.is_string() ? v.get<std::string>() : v.dump(-1, ' ', false, json::error_handler_t::replace);
  if (t.size() > 32) {
    t.resize(32);
    while (!t.empty() && (static_cast<unsigned char>(t.back()) & 0xC0) == 0x80) t.pop_back();
    if (!t.empty() && static_cast<unsigned char>(t.back()) >= 0xC0) t.pop_back();
    t += "…";
  }
  return t;
}

// The accepted range of each coefficient of the live scenario: ParseScenario checks them and
// CaseJson hands them to the app, whose sliders span exactly these (a box and its slider then
// always agree). α ∈ [0, 1] (ガイドライン: 0 ≤ α ≤ 1); β′ > 0; 0 < e < 1 (応益分の均等割の割合,
// 3方式・4方式); 0 < 収納率 ≤ 1; the 激変緩和 allowance x ∈ [0, 1].
const Range kAlphaRange{Rational(0), Rational(1)};
const Range kBetaPrimeRange{Rational(0), Rational(3), true, false};
const Range kEqualShareRange{Rational(0), Rational(1), true, true};
const Range kCollectionRange{Rational(0), Rational(1), true, false};
const Range kReliefAllowanceRange{Rational(0), Rational(1)};

/// {"value", "min", "max", "min_open", "max_open", "text"} for the app.
ordered_json RangeJson(const Range& r, const ordered_json& value) {
  return {{"value", value},         {"min", ToDisplay(r.min)}, {"max", ToDisplay(r.max)},
          {"min_open", r.min_open}, {"max_open", r.max_open},  {"text", r.Text()}};
}

Rational RequireNumber(const json& v, const std::string& field, const Range& range) {
  auto n = NumberOf(v);
  if (!n)
    throw ApiError(400,
                   fmt::format("{}: 「{}」は数として読めません。{}の数 (例: 0.5、50%) を入力して"
                               "ください",
                               ScenarioFieldLabel(field), Shown(v), range.Text()),
                   field);
  if (!range.Contains(*n))
    throw ApiError(422,
                   fmt::format("{}: {} は範囲外です。{}の値を入力してください",
                               ScenarioFieldLabel(field), Shown(v), range.Text()),
                   field);
  return *n;
}

/// Either one number for every 分 of the case, or an object {part key: number}.
void ReadPerPart(const json& v, const std::string& field, const Range& range,
                 const nofukin::Case& c, std::array<std::optional<Rational>, kPartCount>& out) {
  if (v.is_object()) {
    for (const auto& [key, value] : v.items()) {
      auto part = TryParsePart(key);
      if (!part || !c.HasPart(*part))
        throw ApiError(400,
                       fmt::format("{}: 「{}」という分はありません。この事例の分 ({}) で指定して"
                                   "ください",
                                   ScenarioFieldLabel(field), Shown(key), PartKeysText()),
                       field + "." + key.substr(0, 20));
      out[static_cast<int>(*part)] = RequireNumber(value, field + "." + key, range);
    }
    return;
  }
  const Rational x = RequireNumber(v, field, range);
  for (Part p : c.parts) out[static_cast<int>(p)] = x;
}

void CheckDepth(const json& v, int depth) {
  if (depth > kMaxJsonDepth)
    throw ApiError(400, fmt::format("リクエストの入れ子が深すぎます ({}段まで)", kMaxJsonDepth));
  if (v.is_structured())
    for (const auto& child : v) CheckDepth(child, depth + 1);
}

ordered_json TraceJson(const TraceStep& s) {
  ordered_json j;
  j["step"] = s.step;
  if (s.part) j["part"] = PartKey(*s.part);
  j["formula"] = s.formula;
  ordered_json inputs = ordered_json::array();
  for (const auto& [name, value] : s.inputs) inputs.push_back({name, value});
  j["inputs"] = inputs;
  j["result"] = s.result;
  j["rounding"] = s.rounding;
  j["source"] = s.source;
  return j;
}

/// Σ_parts F_i (保険料賦課総額, exact).
Rational LevyTotal(const nofukin::MunicipalityResult& m, const nofukin::Result& r) {
  Rational sum(0);
  for (const auto& pr : r.parts) sum += m.part(pr.part).levy_total;
  return sum;
}

Rational PerCapita(const Rational& amount, std::int64_t insured) {
  return insured > 0 ? amount / Rational(insured) : Rational(0);
}

const nofukin::MunicipalityInput* FindInput(const nofukin::Case& c, const MunicipalityCode& code) {
  for (const auto& m : c.municipalities)
    if (m.code == code) return &m;
  return nullptr;
}

ordered_json TableJson(const ReportTable& t) {
  ordered_json j;
  j["title"] = t.title;
  j["header"] = t.header;
  ordered_json rows = ordered_json::array();
  for (const auto& row : t.rows) {
    ordered_json cells = ordered_json::array();
    for (const auto& cell : row) {
      switch (cell.kind) {
        case ReportCell::kInteger:
          cells.push_back(cell.integer);
          break;
        case ReportCell::kText:
          cells.push_back(cell.text);
          break;
        case ReportCell::kDecimal:
          cells.push_back(cell.Plain());
          break;
        case ReportCell::kEmpty:
          cells.push_back(nullptr);
          break;
      }
    }
    rows.push_back(cells);
  }
  j["rows"] = rows;
  return j;
}

std::string SafeFilename(const std::string& name) {
  std::string out;
  for (unsigned char ch : name) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch >= 0x80)
      out.push_back(static_cast<char>(ch));
    else
      out.push_back('_');
  }
  if (out.size() > 120) out.resize(120);
  while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
  if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
  return out.empty() ? "kokuho" : out;
}

/// {"count": 1–12, "unit": 1 | 100 | 1000}: 納期の回数 and the unit below which every share's
/// fraction goes to the first 納期 (premium/instalments.h).
std::pair<int, Yen> ParseInstalments(const json& v) {
  int count = 0;
  Yen unit = 1'000;
  if (!v.is_object())
    throw ApiError(400, "期別: {\"count\": 納期の回数, \"unit\": 端数の単位} で指定してください",
                   "instalments");
  for (const auto& [key, value] : v.items()) {
    if (key == "count") {
      if (!value.is_number_integer() || value.get<std::int64_t>() < 1 ||
          value.get<std::int64_t>() > premium::kMaxInstalments)
        throw ApiError(422,
                       fmt::format("納期の回数: 「{}」は使えません。1〜{}の整数を入力してください",
                                   Shown(value), premium::kMaxInstalments),
                       "instalments.count");
      count = static_cast<int>(value.get<std::int64_t>());
    } else if (key == "unit") {
      if (!value.is_number_integer() ||
          (value.get<std::int64_t>() != 1 && value.get<std::int64_t>() != 100 &&
           value.get<std::int64_t>() != 1'000))
        throw ApiError(422,
                       fmt::format("端数の単位: 「{}」は使えません。1、100、1000 (円) のどれかを"
                                   "選んでください",
                                   Shown(value)),
                       "instalments.unit");
      unit = value.get<Yen>();
    } else {
      throw ApiError(400,
                     fmt::format("期別: 「{}」という項目は使えません (使える項目: count, unit)",
                                 Shown(json(key))),
                     "instalments." + key.substr(0, 40));
    }
  }
  if (count == 0) throw ApiError(400, "納期の回数 (count) を指定してください", "instalments.count");
  return {count, unit};
}

}  // namespace

json ParseBody(const std::string& body) {
  json j;
  try {
    // Depth is bounded while parsing (a body of a million '[' stops at the 17th), and no
    // message repeats the body's text: nlohmann's own messages quote the offending token,
    // which may be a household's figure ({"alpha": 1e400} → "number overflow parsing '1e400'").
    j = json::parse(body, [&](int depth, json::parse_event_t, json&) {
      if (depth > kMaxJsonDepth) {
        throw ApiError(400,
                       fmt::format("リクエストの入れ子が深すぎます ({}段まで)", kMaxJsonDepth));
      }
      return true;
    });
  } catch (const json::parse_error& e) {
    throw ApiError(400, fmt::format("リクエストが JSON として読めません ({}バイト目)", e.byte));
  } catch (const json::out_of_range&) {
    throw ApiError(400, "リクエストが JSON として読めません (扱えない大きさの数があります)");
  } catch (const json::exception&) {
    throw ApiError(400, "リクエストが JSON として読めません");
  }
  if (!j.is_object())
    throw ApiError(400, "リクエストは JSON のオブジェクト ({…}) で送ってください");
  CheckDepth(j, 0);
  return j;
}

AppData MakeAppData(nofukin::Case case_data, std::map<int, LevyYear> levy_years,
                    std::optional<scenario::Run> scenario) {
  AppData d;
  d.case_data = std::move(case_data);
  d.baseline = nofukin::Compute(d.case_data, {.detail = false});
  for (const auto& m : d.baseline.municipalities) {
    d.baseline_per_capita_premium.push_back(HalfUp(PerCapita(LevyTotal(m, d.baseline), m.insured)));
    d.baseline_per_capita_nofukin.push_back(
        HalfUp(PerCapita(Rational(m.nofukin_total), m.insured)));
  }
  d.levy_years = std::move(levy_years);
  d.scenario = std::move(scenario);
  return d;
}

scenario::YearPlan ParseScenario(const json& body, const nofukin::Case& c) {
  // The sliders are a one-year plan at the current stage: the case's own year, coefficients
  // and 収納率 replaced where the request gives them, applied by scenario::ApplyPlan as a
  // roadmap year is.
  scenario::YearPlan p;
  p.year = c.fiscal_year;
  p.stage = scenario::Stage::kCurrent;
  for (const auto& [key, value] : body.items()) {
    if (value.is_null()) continue;  // the case's own value
    if (key == "alpha") {
      p.alpha = RequireNumber(value, key, kAlphaRange);
    } else if (key == "beta_prime") {
      ReadPerPart(value, key, kBetaPrimeRange, c, p.beta_prime);
    } else if (key == "equal_share_index") {
      ReadPerPart(value, key, kEqualShareRange, c, p.equal_share_index);
      for (Part part : c.parts)
        if (p.equal_share_index[static_cast<int>(part)] &&
            (c.allocation == nofukin::LevyMethod::kTwo ||
             c.policy(part).standard_levy == nofukin::LevyMethod::kTwo))
          throw ApiError(422,
                         fmt::format("{}: {}は2方式なので均等割指数は1に決まっています (変えられ"
                                     "ません)",
                                     ScenarioFieldLabel(key), PartLabel(part)),
                         key);
    } else if (key == "collection_rate") {
      p.collection.uniform = RequireNumber(value, key, kCollectionRange);
    } else if (key == "relief_allowance") {
      if (!p.relief) p.relief = c.relief;
      p.relief->allowance = RequireNumber(value, key, kReliefAllowanceRange);
    } else if (key == "relief_enabled") {
      if (!value.is_boolean())
        throw ApiError(400,
                       fmt::format("{}: 「{}」ではなく true (行う) か false (行わない) で指定して"
                                   "ください",
                                   ScenarioFieldLabel(key), Shown(value)),
                       key);
      if (!p.relief) p.relief = c.relief;
      p.relief->enabled = value.get<bool>();
    } else {
      throw ApiError(400,
                     fmt::format("「{}」という係数はありません (使える係数: alpha, beta_prime, "
                                 "equal_share_index, collection_rate, relief_allowance, "
                                 "relief_enabled)",
                                 Shown(json(key))),
                     key.substr(0, 40));
    }
  }
  return p;
}

nofukin::Case ApplyScenario(const nofukin::Case& c, const scenario::YearPlan& plan) {
  nofukin::Case s = c;
  try {
    scenario::ApplyPlan(plan, {}, s);
  } catch (const CalculationError& e) {
    throw ApiError(422, fmt::format("この設定ではシナリオを当てはめられません: {}", e.what()));
  }
  return s;
}

nofukin::Result ComputeScenario(const nofukin::Case& c, bool trace) {
  try {
    // The recompute (no trace) shows no municipal rates: skip them (half the engine's time).
    return nofukin::Compute(c, {.trace = trace, .rates = trace, .detail = trace});
  } catch (const CalculationError& e) {
    throw ApiError(422, fmt::format("この設定では計算できません: {}", e.what()));
  }
}

ordered_json CaseJson(const AppData& data) {
  const nofukin::Case& c = data.case_data;
  ordered_json j;
  j["schema"] = "kokuho.serve.case/1";
  j["prefecture"] = c.prefecture;
  j["prefecture_code"] = c.prefecture_code;
  j["fiscal_year"] = c.fiscal_year.year();
  j["fiscal_year_wareki"] = c.fiscal_year.ToWareki();
  j["coefficients"] = c.coefficients_label;
  j["allocation"] = nofukin::LevyMethodLabel(c.allocation);
  ordered_json parts = ordered_json::array();
  for (Part p : c.parts) {
    const auto& pol = c.policy(p);
    parts.push_back({{"key", PartKey(p)},
                     {"label", PartLabel(p)},
                     {"short_label", PartShortLabel(p)},
                     {"alpha", ToDisplay(pol.alpha)},
                     {"beta", ToDisplay(pol.beta)},
                     {"beta_prime", ToDisplay(pol.beta_prime)},
                     {"equal_share_index", ToDisplay(pol.equal_share_index)},
                     {"standard_levy", nofukin::LevyMethodLabel(pol.standard_levy)}});
  }
  j["parts"] = parts;
  const auto& iryo = c.policy(c.parts.front());
  j["parameters"] = {
      {"alpha", RangeJson(kAlphaRange, ToDisplay(c.policy(Part::kIryo).alpha))},
      {"beta_prime", RangeJson(kBetaPrimeRange, ToDisplay(iryo.beta_prime))},
      {"equal_share_index", RangeJson(kEqualShareRange, ToDisplay(iryo.equal_share_index))},
      {"collection_rate", RangeJson(kCollectionRange, nullptr)},
      {"relief_allowance", RangeJson(kReliefAllowanceRange, ToDisplay(c.relief.allowance))},
      {"relief_enabled", c.relief.enabled}};
  ordered_json munis = ordered_json::array();
  for (const auto& m : c.municipalities)
    munis.push_back({{"code", m.code.str()}, {"name", m.name}});
  j["municipalities"] = munis;
  ordered_json years = ordered_json::array();
  for (const auto& [y, ly] : data.levy_years)
    years.push_back({{"year", y}, {"wareki", FiscalYear(y).ToWareki()}});
  j["levy_years"] = years;
  ordered_json levy_munis = ordered_json::array();
  if (!data.levy_years.empty())
    for (const auto& s : data.levy_years.rbegin()->second.schedules)
      levy_munis.push_back({{"code", s.municipality}, {"name", s.name}});
  j["levy_municipalities"] = levy_munis;
  j["geo_credit"] = kGeoCredit;
  j["has_scenario"] = data.scenario.has_value();
  return j;
}

ordered_json ComputeJson(const AppData& data, const nofukin::Case& scenario,
                         const nofukin::Result& r) {
  ordered_json j;
  j["schema"] = "kokuho.serve.compute/1";
  j["prefecture"] = r.prefecture;
  j["fiscal_year"] = r.fiscal_year.year();
  j["fiscal_year_wareki"] = r.fiscal_year.ToWareki();
  const auto& iryo = scenario.policy(Part::kIryo);
  ordered_json params;
  params["alpha"] = ToDisplay(iryo.alpha);
  ordered_json bp = ordered_json::object(), e = ordered_json::object();
  for (Part p : scenario.parts) {
    bp[PartKey(p)] = ToDisplay(scenario.policy(p).beta_prime);
    e[PartKey(p)] = ToDisplay(scenario.policy(p).equal_share_index);
  }
  params["beta_prime"] = bp;
  params["equal_share_index"] = e;
  params["relief_allowance"] = ToDisplay(scenario.relief.allowance);
  params["relief_enabled"] = scenario.relief.enabled;
  j["parameters"] = params;

  ordered_json parts = ordered_json::array();
  for (const auto& pr : r.parts) {
    parts.push_back({{"key", PartKey(pr.part)},
                     {"label", PartLabel(pr.part)},
                     {"required_total", pr.required_total},
                     {"base_total", pr.base_total},
                     {"nofukin_total", pr.nofukin_total},
                     {"insured", pr.insured},
                     {"gamma", pr.gamma.ToDecimalString(scenario.rounding.gamma_decimals)},
                     {"prefecture_standard", RateSetJson(pr.prefecture_standard)}});
  }
  j["parts"] = parts;

  ordered_json munis = ordered_json::array();
  Yen total = 0, relief = 0;
  for (size_t i = 0; i < r.municipalities.size(); ++i) {
    const auto& m = r.municipalities[i];
    const auto& in = scenario.municipalities[i];
    const Rational levy = LevyTotal(m, r);
    const Yen pc_premium = HalfUp(PerCapita(levy, m.insured));
    const Yen pc_premium_base = data.baseline_per_capita_premium[i];
    const Yen pc_nofukin = HalfUp(PerCapita(Rational(m.nofukin_total), m.insured));
    const Yen pc_nofukin_base = data.baseline_per_capita_nofukin[i];
    ordered_json mj;
    mj["code"] = m.code.str();
    mj["name"] = m.name;
    mj["insured"] = m.insured;
    ordered_json nof = ordered_json::object();
    for (const auto& pr : r.parts) nof[PartKey(pr.part)] = m.part(pr.part).nofukin;
    mj["nofukin"] = nof;
    mj["nofukin_total"] = m.nofukin_total;
    mj["levy_total"] = HalfUp(levy);
    mj["per_capita_nofukin"] = pc_nofukin;
    mj["per_capita_premium"] = pc_premium;
    mj["epsilon"] = ToDisplay(m.part(Part::kIryo).epsilon);
    mj["collection_rate"] = ToDisplay(in.part(Part::kIryo).collection_rate);
    mj["relief"] = m.relief_total;
    mj["baseline_per_capita_nofukin"] = pc_nofukin_base;
    mj["baseline_per_capita_premium"] = pc_premium_base;
    mj["change_per_capita_premium"] = pc_premium - pc_premium_base;
    mj["change_ratio"] = pc_premium_base > 0 ? static_cast<double>(pc_premium - pc_premium_base) /
                                                   static_cast<double>(pc_premium_base)
                                             : 0.0;
    munis.push_back(mj);
    total += m.nofukin_total;
    relief += m.relief_total;
  }
  j["municipalities"] = munis;
  j["totals"] = {{"nofukin", total}, {"relief", relief}};
  j["relief"] = {{"enabled", r.relief.enabled},
                 {"needed", r.relief.needed},
                 {"granted", r.relief.granted},
                 {"short_of_funds", r.relief.short_of_funds},
                 {"municipalities_relieved", r.relief.municipalities_relieved}};
  return j;
}

ordered_json MunicipalityJson(const AppData& data, const nofukin::Case& scenario,
                              const nofukin::Result& r, const std::string& code_text) {
  auto code = MunicipalityCode::TryParse(code_text.size() <= 12 ? code_text : "");
  const nofukin::MunicipalityInput* in = code ? FindInput(scenario, *code) : nullptr;
  if (!in)
    throw ApiError(404,
                   fmt::format("市町村「{}」はこの事例にありません。事例の市町村の団体コードを"
                               "指定してください",
                               Shown(json(code_text))),
                   "municipality");
  size_t index = 0;
  while (r.municipalities[index].code != *code) ++index;
  const auto& m = r.municipalities[index];

  ordered_json j;
  j["schema"] = "kokuho.serve.municipality/1";
  j["code"] = m.code.str();
  j["name"] = m.name;
  j["prefecture"] = r.prefecture;
  j["fiscal_year_wareki"] = r.fiscal_year.ToWareki();
  j["coefficients"] = r.coefficients_label;
  j["nofukin_total"] = m.nofukin_total;
  j["retiree_nofukin"] = m.retiree_nofukin;
  j["relief"] = m.relief_total;
  ordered_json parts = ordered_json::array();
  for (const auto& pr : r.parts) {
    const auto& mp = m.part(pr.part);
    const auto& ip = in->part(pr.part);
    ordered_json pj;
    pj["key"] = PartKey(pr.part);
    pj["label"] = PartLabel(pr.part);
    pj["insured"] = ip.insured;
    pj["households"] = ip.households;
    pj["base"] = mp.base;
    pj["individual_add"] = mp.individual_add;
    pj["individual_sub"] = mp.individual_sub;
    pj["before_relief"] = mp.before_relief;
    pj["relief"] = mp.relief;
    pj["relief_contribution"] = mp.relief_contribution;
    pj["nofukin"] = mp.nofukin;
    pj["rate_add"] = mp.rate_add;
    pj["rate_sub"] = mp.rate_sub;
    pj["premium_need"] = mp.premium_need;
    pj["levy_total"] = HalfUp(mp.levy_total);
    pj["collection_rate"] = ToDisplay(ip.collection_rate);
    pj["standard_rates"] = {{"prefecture", RateSetJson(pr.prefecture_standard)},
                            {"municipal", RateSetJson(mp.municipal_standard)},
                            {"own_basis", RateSetJson(mp.own_basis)}};
    ordered_json steps = ordered_json::array();
    for (const auto& s : r.trace.steps())
      if (s.part == pr.part && (s.subject.empty() || s.subject == m.code.str()))
        steps.push_back(TraceJson(s));
    pj["trace"] = steps;
    parts.push_back(pj);
  }
  j["parts"] = parts;
  ordered_json common = ordered_json::array();
  for (const auto& s : r.trace.steps())
    if (!s.part && (s.subject.empty() || s.subject == m.code.str())) common.push_back(TraceJson(s));
  j["trace"] = common;

  // KPIs: per-capita figures and their rank in the prefecture (1 = the highest).
  const Rational levy = LevyTotal(m, r);
  const Yen pc_premium = HalfUp(PerCapita(levy, m.insured));
  int rank = 1;
  Rational pref_levy(0);
  std::int64_t pref_insured = 0;
  for (const auto& other : r.municipalities) {
    const Rational l = LevyTotal(other, r);
    if (HalfUp(PerCapita(l, other.insured)) > pc_premium) ++rank;
    pref_levy += l;
    pref_insured += other.insured;
  }
  const auto& iryo = in->part(Part::kIryo);
  j["kpi"] = {{"insured", m.insured},
              {"households", iryo.households},
              {"per_capita_nofukin", HalfUp(PerCapita(Rational(m.nofukin_total), m.insured))},
              {"per_capita_premium", pc_premium},
              {"prefecture_per_capita_premium", HalfUp(PerCapita(pref_levy, pref_insured))},
              {"rank_per_capita_premium", rank},
              {"municipalities", r.municipalities.size()},
              {"epsilon", ToDisplay(m.part(Part::kIryo).epsilon)},
              {"collection_rate", ToDisplay(iryo.collection_rate)},
              {"income_per_capita", HalfUp(PerCapita(iryo.Income(), iryo.insured))}};
  (void)data;
  return j;
}

namespace {

/// Exact decimal text without trailing zeros: 0.500000 → "0.5".
std::string Plain(const Rational& r) {
  std::string t = r.ToDecimalString(6);
  if (t.find('.') != std::string::npos) {
    while (t.back() == '0') t.pop_back();
    if (t.back() == '.') t.pop_back();
  }
  return t;
}

/// What a stage changes, in words (scenario.h Stage).
const char* StageMeaning(scenario::Stage s) {
  switch (s) {
    case scenario::Stage::kCurrent:
      return "事例と同じ算定方法";
    case scenario::Stage::kNofukinBase:
      return "納付金ベースの統一: α = 0 (医療費水準を納付金に反映しない)";
    case scenario::Stage::kSemiUnified:
      return "準統一: α = 0 で医療費を県内で共同負担し、保険料率の差は収納率の差だけになる";
    case scenario::Stage::kUnified:
      return "完全統一: 準統一に加えて標準的な収納率も県内で1つになり、保険料率が県内で同じになる";
  }
  return "";
}

/// Why the scenario's year differs from the case's own figures for one municipality: each
/// input of the 納付金 calculation that is not the same, in words.
std::vector<std::string> CaseDifferences(const AppData& data, const scenario::YearResult& y,
                                         const MunicipalityCode& code) {
  const nofukin::Case& c = data.case_data;
  const nofukin::Case& s = y.input;
  std::vector<std::string> out;
  if (y.plan.stage != scenario::Stage::kCurrent)
    out.push_back(fmt::format("段階: シナリオのこの年度は「{}」です ({})。事例は現行の算定方法です",
                              scenario::StageLabel(y.plan.stage), StageMeaning(y.plan.stage)));
  for (Part p : c.parts) {
    if (!s.HasPart(p)) continue;
    const auto& a = c.policy(p);
    const auto& b = s.policy(p);
    if (a.alpha != b.alpha)
      out.push_back(fmt::format("α ({}): 事例 {}、シナリオ {}", PartLabel(p), Plain(a.alpha),
                                Plain(b.alpha)));
    if (a.beta_prime != b.beta_prime)
      out.push_back(fmt::format("β′ ({}): 事例 {}、シナリオ {}", PartLabel(p), Plain(a.beta_prime),
                                Plain(b.beta_prime)));
    if (a.equal_share_index != b.equal_share_index)
      out.push_back(fmt::format("均等割指数 e ({}): 事例 {}、シナリオ {}", PartLabel(p),
                                Plain(a.equal_share_index), Plain(b.equal_share_index)));
  }
  for (size_t i = 0; i < data.baseline.parts.size() && i < y.result.parts.size(); ++i) {
    const auto& a = data.baseline.parts[i];
    const auto& b = y.result.parts[i];
    if (a.part == b.part && a.required_total != b.required_total)
      out.push_back(fmt::format("県全体の保険料収納必要総額 ({}): 事例 {}円、シナリオ {}円",
                                PartLabel(a.part), FormatYen(a.required_total),
                                FormatYen(b.required_total)));
  }
  const nofukin::MunicipalityInput* ma = FindInput(c, code);
  const nofukin::MunicipalityInput* mb = FindInput(s, code);
  if (ma && mb) {
    const auto& pa = ma->part(Part::kIryo);
    const auto& pb = mb->part(Part::kIryo);
    if (pa.collection_rate != pb.collection_rate)
      out.push_back(fmt::format("この市町村の標準的な収納率: 事例 {}、シナリオ {}",
                                Plain(pa.collection_rate), Plain(pb.collection_rate)));
    if (pa.insured != pb.insured)
      out.push_back(fmt::format("この市町村の被保険者数: 事例 {}人、シナリオ {}人",
                                FormatYen(pa.insured), FormatYen(pb.insured)));
  }
  if (c.relief.enabled != s.relief.enabled)
    out.push_back(fmt::format("激変緩和: 事例は{}、シナリオは{}",
                              c.relief.enabled ? "行う" : "行わない",
                              s.relief.enabled ? "行う" : "行わない"));
  else if (c.relief.enabled && c.relief.allowance != s.relief.allowance)
    out.push_back(fmt::format("激変緩和の許容する伸び x: 事例 {}、シナリオ {}",
                              Plain(c.relief.allowance), Plain(s.relief.allowance)));
  return out;
}

}  // namespace

ordered_json HistoryJson(const AppData& data, const std::string& code_text) {
  if (!data.scenario)
    throw ApiError(
        404, "シナリオがありません: kokuho serve を --scenario ファイル付きで起動してください");
  auto code = MunicipalityCode::TryParse(code_text.size() <= 12 ? code_text : "");
  ordered_json years = ordered_json::array();
  std::string name;
  if (code) {
    for (const auto& y : data.scenario->years) {
      for (const auto& m : y.municipalities) {
        if (m.code != *code) continue;
        name = m.name;
        years.push_back({{"fiscal_year", y.plan.year.year()},
                         {"label", y.plan.year.ToWareki()},
                         {"stage", scenario::StageLabel(y.plan.stage)},
                         {"nofukin", m.nofukin},
                         {"nofukin_per_capita", HalfUp(m.nofukin_per_capita)},
                         {"premium_per_capita", HalfUp(m.premium_per_capita)},
                         {"relief", m.relief_granted},
                         {"collection_rate", m.collection_rate.ToDecimalString(4)}});
        break;
      }
    }
  }
  if (years.empty())
    throw ApiError(404,
                   fmt::format("市町村「{}」はシナリオにありません。シナリオの市町村の団体コードを"
                               "指定してください",
                               Shown(json(code_text))),
                   "municipality");
  ordered_json j;
  j["schema"] = "kokuho.serve.history/1";
  j["scenario"] = data.scenario->name;
  j["code"] = code->str();
  j["name"] = name;
  j["years"] = years;
  // The case's own year in the scenario: both figures and why they differ (the municipality
  // page shows the case's figures at the top and the scenario's in its history).
  for (const auto& y : data.scenario->years) {
    if (y.plan.year != data.case_data.fiscal_year) continue;
    size_t i = 0;
    while (i < data.baseline.municipalities.size() && data.baseline.municipalities[i].code != *code)
      ++i;
    if (i == data.baseline.municipalities.size()) break;
    const auto& m = data.baseline.municipalities[i];
    const auto s = std::find_if(y.municipalities.begin(), y.municipalities.end(),
                                [&](const auto& x) { return x.code == *code; });
    if (s == y.municipalities.end()) break;
    ordered_json cj;
    cj["fiscal_year"] = y.plan.year.year();
    cj["label"] = y.plan.year.ToWareki();
    cj["case_nofukin"] = m.nofukin_total;
    cj["case_premium_per_capita"] = data.baseline_per_capita_premium[i];
    cj["scenario_nofukin"] = s->nofukin;
    cj["scenario_premium_per_capita"] = HalfUp(s->premium_per_capita);
    cj["differences"] = CaseDifferences(data, y, *code);
    j["case_year"] = cj;
  }
  return j;
}

ordered_json LevyResponse(const AppData& data, const json& body) {
  if (data.levy_years.empty())
    throw ApiError(404,
                   "世帯の保険料の計算には料率表が必要です: kokuho serve を --rates ファイル付きで"
                   "起動してください");
  std::optional<int> year;
  std::optional<MunicipalityCode> code;
  const json* household = nullptr;
  bool explain = true;
  std::optional<std::pair<int, Yen>> instalments;  // 納期の回数, the unit of the first's rest
  for (const auto& [key, value] : body.items()) {
    if (key == "year") {
      std::string text = value.is_number_integer() ? std::to_string(value.get<std::int64_t>())
                         : value.is_string()       ? value.get<std::string>()
                                                   : std::string();
      auto fy = text.size() <= 32 ? FiscalYear::TryParse(text) : std::nullopt;
      if (!fy)
        throw ApiError(
            400,
            fmt::format("年度: 「{}」は年度として読めません。2026、R8、令和8年度 のように"
                        "指定してください",
                        Shown(value)),
            "year");
      year = fy->year();
    } else if (key == "municipality") {
      std::string text = value.is_string() ? value.get<std::string>() : std::string();
      code = text.size() <= 12 ? MunicipalityCode::TryParse(text) : std::nullopt;
      if (!code)
        throw ApiError(400,
                       fmt::format("市町村: 「{}」は団体コードとして読めません。検査数字付きの6桁 "
                                   "(例: 102016) で指定してください",
                                   Shown(value)),
                       "municipality");
    } else if (key == "household") {
      if (!value.is_object())
        throw ApiError(400, "世帯: 世帯員の一覧 ({\"members\": […]}) で指定してください",
                       "household");
      household = &value;
    } else if (key == "instalments") {
      instalments = ParseInstalments(value);
    } else if (key == "explain") {
      if (!value.is_boolean())
        throw ApiError(400, "explain: true か false で指定してください", "explain");
      explain = value.get<bool>();
    } else {
      throw ApiError(400,
                     fmt::format("「{}」という項目は使えません (使える項目: municipality, year, "
                                 "household, instalments, explain)",
                                 Shown(json(key))),
                     key.substr(0, 40));
    }
  }
  if (!year) throw ApiError(400, "年度 (year) を指定してください", "year");
  if (!code) throw ApiError(400, "市町村 (municipality) を指定してください", "municipality");
  if (!household) throw ApiError(400, "世帯 (household) を指定してください", "household");
  auto ly = data.levy_years.find(*year);
  if (ly == data.levy_years.end()) {
    std::string years;
    for (const auto& [y, unused] : data.levy_years)
      years += (years.empty() ? "" : ", ") + std::to_string(y);
    throw ApiError(422,
                   fmt::format("年度: {}の料率がありません。料率表にある年度 ({}) を選んでください",
                               FiscalYear(*year).ToWareki(), years),
                   "year");
  }
  const premium::RateSchedule* schedule = nullptr;
  for (const auto& s : ly->second.schedules)
    if (s.municipality == code->str()) schedule = &s;
  if (!schedule)
    throw ApiError(404,
                   fmt::format("市町村: {}の{}の料率が料率表にありません", code->str(),
                               FiscalYear(*year).ToWareki()),
                   "municipality");
  premium::Household h;
  try {
    h = ParseHousehold(household->dump(-1, ' ', false, json::error_handler_t::replace), "household",
                       *year);
  } catch (const InputError& e) {
    // The loader's Japanese message names the JSON path: the form shows the box's label.
    const FieldMessage m = HouseholdFieldMessage(e.message());
    throw ApiError(400, m.message, m.field);
  }
  if (!h.municipality.empty() && h.municipality != code->str())
    throw ApiError(422, "世帯の団体コードが、選んだ市町村と違います", "household.municipality");
  try {
    premium::Compile(*schedule, ly->second.rules);
  } catch (const CalculationError& e) {
    throw ApiError(422, fmt::format("この市町村・年度の料率では計算できません: {}", e.what()));
  }
  const premium::HouseholdLevy levy = premium::LevyOne(h, *schedule, ly->second.rules, explain);
  const LevyReport report{*schedule, ly->second.rules, levy};
  ordered_json j = LevyJson(report);
  j["fiscal_year_wareki"] = FiscalYear(*year).ToWareki();
  j["levy_kind_label"] = LevyKindLabel(schedule->kind);
  j["table"] = TableJson(BuildLevyTable(report));
  if (instalments) {
    const auto [count, unit] = *instalments;
    j["instalments"] = {{"count", count},
                        {"unit", unit},
                        {"amounts", premium::SplitInstalments(levy.result.total, count, unit)}};
  }
  return j;
}

ExportRequest ParseExport(const json& body) {
  ExportRequest r;
  r.format = "csv";
  r.filename = "kokuho";
  bool have_header = false, have_rows = false;
  for (const auto& [key, value] : body.items()) {
    if (key == "format") {
      if (!value.is_string() || (value != "csv" && value != "xlsx"))
        throw ApiError(422, "format: csv か xlsx を指定してください", "format");
      r.format = value.get<std::string>();
    } else if (key == "filename") {
      if (!value.is_string())
        throw ApiError(400, "filename: ファイル名を文字列で指定してください", "filename");
      r.filename = SafeFilename(value.get<std::string>());
    } else if (key == "title") {
      if (!value.is_string() || value.get_ref<const std::string&>().size() > kMaxCellBytes)
        throw ApiError(400, "title: 表題を1,000バイト以内の文字列で指定してください", "title");
      r.title = value.get<std::string>();
    } else if (key == "header") {
      if (!value.is_array() || value.empty() || value.size() > kMaxExportColumns)
        throw ApiError(422, fmt::format("header: 列名を1〜{}個指定してください", kMaxExportColumns),
                       "header");
      for (const auto& h : value) {
        if (!h.is_string() || h.get_ref<const std::string&>().size() > kMaxCellBytes)
          throw ApiError(400, "header: 列名は1,000バイト以内の文字列で指定してください", "header");
        r.header.push_back(h.get<std::string>());
      }
      have_header = true;
    } else if (key == "rows") {
      if (!value.is_array() || value.size() > kMaxExportRows)
        throw ApiError(422, fmt::format("rows: 行は{}行までです", kMaxExportRows), "rows");
      for (const auto& row : value) {
        if (!row.is_array() || row.size() > kMaxExportColumns)
          throw ApiError(400,
                         fmt::format("rows: 各行はセルの一覧 (最大{}列) で指定してください",
                                     kMaxExportColumns),
                         "rows");
        std::vector<json> cells;
        for (const auto& cell : row) {
          if (!(cell.is_null() || cell.is_number() || cell.is_boolean() ||
                (cell.is_string() && cell.get_ref<const std::string&>().size() <= kMaxCellBytes)))
            throw ApiError(400, "rows: セルは文字列 (1,000バイト以内)・数・null で指定してください",
                           "rows");
          cells.push_back(cell);
        }
        r.rows.push_back(std::move(cells));
      }
      have_rows = true;
    } else {
      throw ApiError(400,
                     fmt::format("「{}」という項目は使えません (使える項目: format, filename, "
                                 "title, header, rows)",
                                 Shown(json(key))),
                     key.substr(0, 40));
    }
  }
  if (!have_header) throw ApiError(400, "header (列名) を指定してください", "header");
  if (!have_rows) throw ApiError(400, "rows (行) を指定してください", "rows");
  return r;
}

namespace {

std::string CellText(const json& cell) {
  if (cell.is_null()) return "";
  if (cell.is_string()) return cell.get<std::string>();
  if (cell.is_number_integer()) return std::to_string(cell.get<std::int64_t>());
  if (cell.is_number_unsigned()) return std::to_string(cell.get<std::uint64_t>());
  if (cell.is_number_float()) return fmt::format("{}", cell.get<double>());
  return cell.dump();
}

XlsxCell ToXlsx(const json& cell) {
  if (cell.is_null()) return XlsxCell::Empty();
  if (cell.is_number_integer()) return XlsxCell::Integer(cell.get<std::int64_t>());
  if (cell.is_number_float()) return XlsxCell::Decimal(cell.get<double>(), "#,##0.00##");
  return XlsxCell::Text(CellText(cell));
}

}  // namespace

ExportFile BuildExport(const ExportRequest& request) {
  ExportFile f;
  if (request.format == "csv") {
    std::vector<std::vector<std::string>> rows;
    rows.push_back(request.header);
    for (const auto& row : request.rows) {
      std::vector<std::string> cells;
      for (const auto& cell : row) cells.push_back(CellText(cell));
      rows.push_back(std::move(cells));
    }
    f.bytes = FormatCsv(rows);
    f.content_type = "text/csv; charset=utf-8";
    f.filename = request.filename + ".csv";
    return f;
  }
  XlsxSheet sheet;
  sheet.name = "kokuho";
  sheet.title = request.title;
  sheet.header = request.header;
  for (const auto& row : request.rows) {
    std::vector<XlsxCell> cells;
    for (const auto& cell : row) cells.push_back(ToXlsx(cell));
    sheet.rows.push_back(std::move(cells));
  }
  // libxlsxwriter writes files: a private temporary file, read back and removed.
  std::string xlsx_path =
      (std::filesystem::temp_directory_path() / "kokuho-export-XXXXXX.xlsx").string();
  const int fd = mkstemps(xlsx_path.data(), 5);
  if (fd < 0) throw std::runtime_error("xlsx 用の一時ファイルを作れません");
  close(fd);
  try {
    WriteXlsx(xlsx_path, {sheet});
    std::ifstream in(xlsx_path, std::ios::binary);
    f.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } catch (...) {
    std::filesystem::remove(xlsx_path);
    throw;
  }
  std::filesystem::remove(xlsx_path);
  f.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  f.filename = request.filename + ".xlsx";
  return f;
}

}  // namespace kokuho::server
