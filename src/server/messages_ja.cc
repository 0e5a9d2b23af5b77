#include "server/messages_ja.h"

#include <fmt/format.h>

#include <regex>
#include <string_view>
#include <utility>

namespace kokuho::server {
namespace {

constexpr std::pair<const char*, const char*> kScenarioLabels[] = {
    {"alpha", "α (医療費指数反映係数)"},
    {"beta_prime", "β′ (所得係数)"},
    {"equal_share_index", "e (均等割指数)"},
    {"collection_rate", "標準的な収納率"},
    {"relief_allowance", "激変緩和の許容する伸び x"},
    {"relief_enabled", "激変緩和を行うか"},
};

// The keys of docs/household-format.md in the words of the form.
constexpr std::pair<const char*, const char*> kHouseholdLabels[] = {
    {"members", "世帯員"},
    {"municipality", "団体コード"},
    {"tokutei_since", "特定世帯となった日"},
    {"id", "世帯番号"},
    {"head", "世帯主"},
    {"insured", "国保の加入"},
    {"tokutei_doitsu", "特定同一世帯所属者"},
    {"age", "年齢"},
    {"birth_date", "生年月日"},
    {"income_declared", "所得の申告"},
    {"joined", "資格取得日"},
    {"left", "資格喪失日"},
    {"fixed_asset_tax", "固定資産税額 (資産割)"},
    {"former_dependent_since", "旧被扶養者の資格取得日"},
    {"involuntary_unemployment", "非自発的失業"},
    {"separation_date", "離職日"},
    {"reason_code", "離職理由コード"},
    {"birth", "出産"},
    {"month", "出産(予定)月"},
    {"multiple", "多胎"},
    {"income", "所得"},
    {"salary_revenue", "給与収入"},
    {"family_salary", "専従者給与"},
    {"pension_revenue", "公的年金等収入"},
    {"business", "事業所得など"},
    {"family_salary_paid", "支払った専従者給与"},
    {"real_estate", "不動産所得"},
    {"interest", "利子所得"},
    {"dividends", "配当所得"},
    {"misc", "雑所得"},
    {"occasional", "一時所得"},
    {"forestry", "山林所得"},
    {"land_gains", "土地建物等の譲渡所得"},
    {"land_gains_deduction", "譲渡所得の特別控除"},
    {"stocks", "上場株式等の所得"},
    {"futures", "先物取引の所得"},
    {"business_loss", "事業所得の損失"},
    {"real_estate_loss", "不動産所得の損失"},
    {"forestry_loss", "山林所得の損失"},
    {"misc_loss", "雑所得の損失"},
    {"salary_income", "給与所得"},
    {"total_income", "総所得金額等"},
    {"reduction_income", "軽減判定所得"},
    {"retirement", "退職所得"},
    {"nontaxable", "非課税所得"},
};

const char* HouseholdKeyLabel(std::string_view key) {
  for (const auto& [k, label] : kHouseholdLabels)
    if (key == k) return label;
  return nullptr;
}

/// The loader's "expected …" clauses and their Japanese, first match wins. Each is what the
/// person should type, never the value typed.
struct Rewording {
  const char* english;  // a substring of the loader's message
  const char* japanese;
};
constexpr Rewording kRewordings[] = {
    {"a whole number from 0 to 74",
     "4月1日現在の年齢を0〜74の整数で入力してください (75歳以上は後期高齢者医療の被保険者です)"},
    {"expected the age on 4月1日", "4月1日現在の年齢を0〜120の整数で入力してください"},
    {"expected whole yen >= 0",
     "0以上の整数 (円) で入力してください (損失は「損失」の欄に正の額で入力します)"},
    {"expected at most 10,000,000,000 yen", "1つの金額は100億円以下で入力してください"},
    {"expected whole yen (no fraction", "円未満の端数のない整数で入力してください"},
    {"expected an amount in whole yen", "金額を整数 (円) で入力してください (例: 4,800,000)"},
    {"the amount is too large", "金額が大きすぎます。100億円以下で入力してください"},
    {"a value is required", "値を入力してください"},
    {"expected a date such as",
     "日付を 2026-04-01、2026/4/1、令和8年4月1日 のように入力してください"},
    {"expected true or false", "「はい」か「いいえ」(true / false) で指定してください"},
    {"expected a 離職理由コード",
     "離職理由コードは特定受給資格者 (11, 12, 21, 22, 31, 32) か特定理由離職者 (23, 33, 34) "
     "のものを入力してください"},
    {"under 65 on the 離職日", "非自発的失業者の軽減は離職日に65歳未満の人が対象です"},
    {"only for an insured member", "国保に加入している人についてだけ入力できます"},
    {"is already the head", "世帯主は1人だけ選んでください"},
    {"exactly one member with head",
     "世帯主を1人選んでください (国保に加入していない世帯主は、その人の「国保」のチェックを外して"
     "擬制世帯主として入力します)"},
    {"at least one insured member", "国保に加入している人を1人以上入力してください"},
    {"expected a list of 1 to", "世帯員は1人以上99人以下で入力してください"},
    {"false is only for the head",
     "国保に加入していない人を入力できるのは世帯主 (擬制世帯主) だけです。ほかの国保に加入して"
     "いない人は世帯員に入れないでください"},
    {"give either age or birth_date", "年齢か生年月日のどちらか一方だけを入力してください"},
    {"expected age (on 4月1日) or birth_date", "年齢 (4月1日現在) か生年月日を入力してください"},
    {"unknown key", "この項目は使えません (docs/household-format.md の項目名を使ってください)"},
    {"expected a mapping", "項目名と値の組 ({…}) で指定してください"},
    {"expected a single value", "1つの値で指定してください"},
    {"expected a 団体コード", "団体コードは検査数字付きの6桁 (例: 102016) で入力してください"},
    {"a kind of income is either an income or a loss",
     "同じ種類の所得と損失は同時に入力できません。どちらか一方にしてください"},
    {"expected at most land_gains", "特別控除は譲渡所得以下の額で入力してください"},
    {"when total_income (総所得金額等) is given",
     "総所得金額等を直接入力したときは、給与収入・公的年金等収入・給与所得のほかは入力できません"},
    {"expected only together with total_income",
     "軽減判定所得は総所得金額等と一緒に入力してください"},
    {"expected at most total_income", "給与所得は総所得金額等以下の額で入力してください"},
    {"expected at most reduction_income", "給与所得は軽減判定所得以下の額で入力してください"},
    {"expected a date after joined", "資格喪失日は資格取得日より後の日付で入力してください"},
    {"a 旧被扶養者 is aged 65 to 74",
     "旧被扶養者は資格取得日に65〜74歳の人です。年齢か生年月日を確かめてください"},
    {"the 30/100 applies to 給与所得",
     "非自発的失業者の軽減は給与所得にかかります。所得の種類ごとに入力してください"},
    {"birth date",
     "生年月日を確かめてください (年度末より後の日付や、4月1日に後期高齢者医療の人は"
     "入力できません)"},
};

}  // namespace

std::string ScenarioFieldLabel(const std::string& key) {
  const std::string head = key.substr(0, key.find('.'));
  for (const auto& [k, label] : kScenarioLabels)
    if (head == k) return label;
  return key;
}

std::string HouseholdFieldLabel(const std::string& path) {
  static const std::regex member(R"(^members\[(\d+)\](?:\.(.*))?$)");
  std::smatch m;
  std::string prefix;
  std::string rest = path;
  if (std::regex_match(path, m, member)) {
    prefix = fmt::format("{}人目の", std::stoul(m[1].str()) + 1);
    rest = m[2].matched ? m[2].str() : "";
    if (rest.empty()) return prefix + "世帯員";
  }
  const std::string key =
      rest.substr(rest.rfind('.') == std::string::npos ? 0 : rest.rfind('.') + 1);
  const char* label = HouseholdKeyLabel(key);
  return prefix + (label ? label : key);
}

FieldMessage HouseholdErrorJa(const std::string& loader_message) {
  // "members[1].income.business: expected …" (the path never holds ": ").
  const size_t colon = loader_message.find(": ");
  std::string path = colon == std::string::npos ? "" : loader_message.substr(0, colon);
  const bool is_path = !path.empty() && path.find(' ') == std::string::npos;
  if (!is_path) path.clear();
  FieldMessage out;
  out.field = path.empty() ? "household" : "household." + path;
  std::string wording;
  for (const Rewording& r : kRewordings) {
    if (loader_message.find(r.english) != std::string::npos) {
      wording = r.japanese;
      break;
    }
  }
  if (wording.empty()) wording = "入力を確かめてください";
  out.message = path.empty() ? fmt::format("世帯の入力: {}", wording)
                             : fmt::format("{}: {}", HouseholdFieldLabel(path), wording);
  return out;
}

}  // namespace kokuho::server
