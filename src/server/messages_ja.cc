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

FieldMessage HouseholdFieldMessage(const std::string& loader_message) {
  // "members[1].income.business: 0以上の整数 …": the path is ASCII and never holds ": ".
  static const std::regex path_re(R"(^([A-Za-z_][A-Za-z0-9_.\[\]]*): (.*)$)");
  std::smatch m;
  FieldMessage out;
  if (std::regex_match(loader_message, m, path_re)) {
    const std::string path = m[1].str();
    out.field = "household." + path;
    out.message = fmt::format("{}: {}", HouseholdFieldLabel(path), m[2].str());
  } else {
    // "最上位: …" (the household's own keys) or a syntax error: already Japanese.
    out.field = "household";
    const std::string top = "最上位: ";
    out.message = loader_message.starts_with(top)
                      ? "世帯の入力: " + loader_message.substr(top.size())
                      : loader_message;
  }
  return out;
}

}  // namespace kokuho::server
