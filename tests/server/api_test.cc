// The request parsing and validation of `kokuho serve` (src/server/api.h), without a socket.
#include "server/api.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <time.h>

#include <algorithm>
#include <cstdio>

#include "cli/serve_inputs.h"
#include "nofukin/engine.h"
#include "server/messages_ja.h"
#include "server/static_files.h"
#include "tests/japanese_text.h"

namespace kokuho::server {
namespace {

using nlohmann::json;

const AppData& Data() {
  static const AppData data =
      cli::LoadServeData(KOKUHO_SOURCE_DIR "/examples/gunma",
                         KOKUHO_SOURCE_DIR "/examples/levy/rates-gunma-sample.csv", "");
  return data;
}

int StatusOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return e.status();
  }
  return 0;
}

ApiError ErrorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return e;
  }
  return ApiError(0, "no error");
}

TEST(ServerApi, ParseBodyRefusesMalformedJson) {
  EXPECT_EQ(StatusOf([] { ParseBody("{\"alpha\": "); }), 400);
  EXPECT_EQ(StatusOf([] { ParseBody("[1, 2]"); }), 400);  // not an object
  EXPECT_EQ(StatusOf([] { ParseBody(""); }), 400);
  EXPECT_EQ(StatusOf([] { ParseBody(std::string(100, '[') + std::string(100, ']')); }), 400);
  std::string deep = "{\"a\":" + std::string(40, '[') + std::string(40, ']') + "}";
  EXPECT_EQ(StatusOf([&] { ParseBody(deep); }), 400);  // nested too deep
  EXPECT_EQ(StatusOf([] { ParseBody("{}"); }), 0);
}

TEST(ServerApi, ScenarioParsesNumbersAndPercentages) {
  const auto& c = Data().case_data;
  scenario::YearPlan p = ParseScenario(json::parse(R"({"alpha": 0.5, "beta_prime": {"iryo": "0.9"},
      "equal_share_index": 0.6, "collection_rate": "95%", "relief_allowance": 0.02})"),
                                       c);
  EXPECT_EQ(*p.alpha, Rational(1, 2));
  EXPECT_EQ(*p.beta_prime[static_cast<int>(Part::kIryo)], Rational(9, 10));
  EXPECT_FALSE(p.beta_prime[static_cast<int>(Part::kShien)]);
  for (Part part : c.parts) EXPECT_EQ(*p.equal_share_index[static_cast<int>(part)], Rational(3, 5));
  EXPECT_EQ(*p.collection.uniform, Rational(95, 100));
  EXPECT_EQ(p.relief->allowance, Rational(2, 100));
  EXPECT_EQ(p.relief->enabled, c.relief.enabled);  // the rest of the case's policy
  EXPECT_EQ(p.year, c.fiscal_year);
  EXPECT_EQ(p.stage, scenario::Stage::kCurrent);
}

TEST(ServerApi, ScenarioRefusesOutOfRangeAndUnknown) {
  const auto& c = Data().case_data;
  auto status = [&](const char* body) {
    return StatusOf([&] { ParseScenario(json::parse(body), c); });
  };
  EXPECT_EQ(status(R"({"alpha": 1.5})"), 422);
  EXPECT_EQ(status(R"({"alpha": -0.1})"), 422);
  EXPECT_EQ(status(R"({"alpha": "abc"})"), 400);
  EXPECT_EQ(status(R"({"alpha": [1]})"), 400);
  EXPECT_EQ(status(R"({"beta_prime": 0})"), 422);
  EXPECT_EQ(status(R"({"beta_prime": {"nope": 1}})"), 400);
  EXPECT_EQ(status(R"({"equal_share_index": 1})"), 422);
  EXPECT_EQ(status(R"({"collection_rate": 0})"), 422);
  EXPECT_EQ(status(R"({"collection_rate": 1.01})"), 422);
  EXPECT_EQ(status(R"({"relief_enabled": "yes"})"), 400);
  EXPECT_EQ(status(R"({"gamma": 1})"), 400);
  EXPECT_EQ(status(R"({"alpha": null})"), 0);  // null: the case's own value
}

// α = 0 (医療費水準を反映しない) moves 納付金 between municipalities but keeps the total to
// the yen, and the response reports the change against the baseline.
TEST(ServerApi, ScenarioKeepsTheTotalAndReportsChanges) {
  const AppData& d = Data();
  const nofukin::Case s =
      ApplyScenario(d.case_data, ParseScenario(json::parse(R"({"alpha": 0})"), d.case_data));
  EXPECT_EQ(s.policy(Part::kIryo).alpha, Rational(0));
  const nofukin::Result r = ComputeScenario(s);
  const auto j = ComputeJson(d, s, r);
  const auto& base = d.baseline;
  EXPECT_EQ(j["parts"][0]["nofukin_total"].get<Yen>(), r.parts[0].nofukin_total);
  Yen sum = 0;
  bool any_change = false;
  for (const auto& m : j["municipalities"]) {
    sum += m["nofukin_total"].get<Yen>();
    any_change |= m["change_per_capita_premium"].get<Yen>() != 0;
  }
  EXPECT_EQ(sum, j["totals"]["nofukin"].get<Yen>());
  EXPECT_EQ(sum, r.nofukin_total());
  EXPECT_TRUE(any_change);
  EXPECT_EQ(j["municipalities"].size(), base.municipalities.size());
  // The baseline request reports no change at all.
  const auto b = ComputeJson(d, d.case_data, d.baseline);
  for (const auto& m : b["municipalities"]) EXPECT_EQ(m["change_per_capita_premium"], 0);
}

TEST(ServerApi, MunicipalityDetailHasTraceRatesAndKpi) {
  const AppData& d = Data();
  const nofukin::Result r = ComputeScenario(d.case_data, true);
  const auto j = MunicipalityJson(d, d.case_data, r, "102024");
  EXPECT_EQ(j["name"], "高崎市");
  EXPECT_EQ(j["parts"].size(), d.case_data.parts.size());
  EXPECT_FALSE(j["parts"][0]["trace"].empty());
  EXPECT_TRUE(j["parts"][0]["standard_rates"].contains("own_basis"));
  EXPECT_GE(j["kpi"]["rank_per_capita_premium"].get<int>(), 1);
  EXPECT_EQ(MunicipalityJson(d, d.case_data, r, "10202")["code"], "102024");  // 5 digits
  EXPECT_EQ(StatusOf([&] { MunicipalityJson(d, d.case_data, r, "131016"); }), 404);
  EXPECT_EQ(StatusOf([&] { MunicipalityJson(d, d.case_data, r, "../etc"); }), 404);
}

// serve --scenario: one municipality across the years of the roadmap sample (令和9〜15年度).
TEST(ServerApi, HistoryFollowsTheScenarioYears) {
  const AppData none = cli::LoadServeData(KOKUHO_SOURCE_DIR "/examples/gunma", "", "");
  EXPECT_FALSE(CaseJson(none)["has_scenario"].get<bool>());
  EXPECT_EQ(StatusOf([&] { HistoryJson(none, "102024"); }), 404);  // no scenario
  const AppData d = cli::LoadServeData(KOKUHO_SOURCE_DIR "/examples/gunma", "",
                                       KOKUHO_SOURCE_DIR "/examples/gunma-roadmap/scenario.yaml");
  EXPECT_TRUE(CaseJson(d)["has_scenario"].get<bool>());
  const auto j = HistoryJson(d, "102024");
  EXPECT_EQ(j["scenario"], d.scenario->name);
  EXPECT_EQ(j["name"], "高崎市");
  const auto& years = j["years"];
  ASSERT_EQ(years.size(), 7u);
  EXPECT_EQ(years[0]["fiscal_year"], 2027);
  EXPECT_EQ(years[0]["label"], "令和9年度");
  EXPECT_EQ(years[0]["stage"], "準統一");
  EXPECT_EQ(years[6]["fiscal_year"], 2033);
  EXPECT_EQ(years[6]["stage"], "完全統一");
  for (size_t i = 0; i < years.size(); ++i) {
    const auto& y = years[i];
    const auto& run_year = d.scenario->years[i];
    const auto m = std::find_if(run_year.municipalities.begin(), run_year.municipalities.end(),
                                [](const auto& x) { return x.code.str() == "102024"; });
    ASSERT_NE(m, run_year.municipalities.end());
    EXPECT_EQ(y["nofukin"].get<Yen>(), m->nofukin);
    EXPECT_EQ(y["premium_per_capita"].get<Yen>(),
              m->premium_per_capita.ToYen(RoundingMode::kHalfUp));
    EXPECT_EQ(y["nofukin_per_capita"].get<Yen>(),
              m->nofukin_per_capita.ToYen(RoundingMode::kHalfUp));
    EXPECT_EQ(y["relief"].get<Yen>(), m->relief_granted);
    EXPECT_GT(y["premium_per_capita"].get<Yen>(), 0);
    const auto rate = y["collection_rate"].get<std::string>();
    EXPECT_EQ(rate.size(), 6u) << rate;  // "0.9306"
    EXPECT_EQ(rate.substr(0, 2), "0.") << rate;
  }
  // The case is 令和9年度, the scenario's first year too (準統一): both figures and why.
  const auto& cy = j["case_year"];
  EXPECT_EQ(cy["fiscal_year"], 2027);
  const auto base = std::find_if(d.baseline.municipalities.begin(), d.baseline.municipalities.end(),
                                 [](const auto& x) { return x.code.str() == "102024"; });
  EXPECT_EQ(cy["case_nofukin"].get<Yen>(), base->nofukin_total);
  EXPECT_EQ(cy["scenario_nofukin"].get<Yen>(), years[0]["nofukin"].get<Yen>());
  EXPECT_EQ(cy["scenario_premium_per_capita"], years[0]["premium_per_capita"]);
  ASSERT_FALSE(cy["differences"].empty());
  EXPECT_EQ(
      cy["differences"][0].get<std::string>().rfind("段階: シナリオのこの年度は「準統一」", 0), 0u)
      << cy["differences"][0];
  if (cy["case_nofukin"] != cy["scenario_nofukin"]) EXPECT_GE(cy["differences"].size(), 2u);
  EXPECT_EQ(HistoryJson(d, "10202")["years"].size(), 7u);  // 5 digits
  EXPECT_EQ(StatusOf([&] { HistoryJson(d, "131016"); }), 404);
  EXPECT_EQ(StatusOf([&] { HistoryJson(d, "../etc"); }), 404);
}

// The model household of examples/levy/family.yaml (前橋市, 令和8年度): the same 580,800円
// as `kokuho levy` (README).
TEST(ServerApi, LevyMatchesTheCli) {
  const auto body = json::parse(R"({"municipality": "102016", "year": "R8", "household": {
      "members": [{"head": true, "age": 42, "income": {"salary_revenue": 4800000}},
                  {"age": 40, "income": {"salary_revenue": 1000000}},
                  {"age": 10}, {"age": 4}]}})");
  const auto j = LevyResponse(Data(), body);
  EXPECT_EQ(j["total"], 580800);
  EXPECT_FALSE(j["explanation"].empty());
  EXPECT_EQ(j["table"]["header"].front(), "項目");
}

// 期別: the model family's 580,800円 in 10 納期 of 1,000円 units (地方税法 20条の4の2 第6項):
// 58,000円 × 9 and 第1期 580,800 − 522,000 = 58,800円.
TEST(ServerApi, LevySplitsIntoInstalments) {
  auto body = json::parse(R"({"municipality": "102016", "year": "R8", "household": {
      "members": [{"head": true, "age": 42, "income": {"salary_revenue": 4800000}},
                  {"age": 40, "income": {"salary_revenue": 1000000}},
                  {"age": 10}, {"age": 4}]}, "instalments": {"count": 10, "unit": 1000}})");
  const auto j = LevyResponse(Data(), body);
  EXPECT_EQ(j["instalments"]["count"], 10);
  const auto amounts = j["instalments"]["amounts"].get<std::vector<Yen>>();
  ASSERT_EQ(amounts.size(), 10u);
  EXPECT_EQ(amounts[0], 58'800);
  EXPECT_EQ(amounts[9], 58'000);
  body["instalments"] = {{"count", 13}};
  ApiError e = ErrorOf([&] { LevyResponse(Data(), body); });
  EXPECT_EQ(e.status(), 422);
  EXPECT_EQ(e.field(), "instalments.count");
  EXPECT_STREQ(e.what(), "納期の回数: 「13」は使えません。1〜12の整数を入力してください");
  body["instalments"] = {{"count", 4}, {"unit", 10}};
  EXPECT_EQ(ErrorOf([&] { LevyResponse(Data(), body); }).field(), "instalments.unit");
}

TEST(ServerApi, LevyRefusesBadRequests) {
  auto status = [&](const char* body) {
    return StatusOf([&] { LevyResponse(Data(), json::parse(body)); });
  };
  const char* ok_household = R"({"members": [{"head": true, "age": 42}]})";
  EXPECT_EQ(status(R"({"year": 2026, "household": {"members": [{"head": true, "age": 42}]}})"),
            400);  // no municipality
  EXPECT_EQ(status((std::string(R"({"municipality": "131016", "year": 2026, "household": )") +
                    ok_household + "}")
                       .c_str()),
            404);  // not in the rates file
  EXPECT_EQ(status((std::string(R"({"municipality": "102016", "year": 2031, "household": )") +
                    ok_household + "}")
                       .c_str()),
            422);  // no rates that year
  EXPECT_EQ(status(R"({"municipality": "102016", "year": 2026, "household": {"members": []}})"),
            400);
  EXPECT_EQ(
      status(R"({"municipality": "102016", "year": 2026, "household": {"members": [{"head": true,
          "age": 42, "income": {"salary_revenue": -5}}]}})"),
      400);
  EXPECT_EQ(status(R"({"municipality": "102017", "year": 2026, "household": {}})"), 400);
}

// The message names the field, never the amount sent (incomes are personal figures).
TEST(ServerApi, LevyErrorsDoNotEchoIncomes) {
  try {
    LevyResponse(Data(), json::parse(R"({"municipality": "102016", "year": 2026, "household":
        {"members": [{"head": true, "age": 42, "income": {"salary_revenue": "12x34567"}}]}})"));
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(std::string(e.what()).find("12x34567"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()),
              "1人目の給与収入: 金額を整数 (円) で入力してください (例: 4,800,000)");
    EXPECT_EQ(e.field(), "household.members[0].income.salary_revenue");
  }
}

// Scenario coefficients: the field in words, the value sent (no personal figure), the range
// in words, and the field's path.
TEST(ServerApi, ScenarioErrorsAreJapaneseWithFieldAndValue) {
  const auto& c = Data().case_data;
  auto error = [&](const char* body) {
    return ErrorOf([&] { ParseScenario(json::parse(body), c); });
  };
  ApiError e = error(R"({"alpha": 1.5})");
  EXPECT_EQ(e.status(), 422);
  EXPECT_STREQ(e.what(),
               "α (医療費指数反映係数): 1.5 は範囲外です。0以上1以下の値を入力してください");
  EXPECT_EQ(e.field(), "alpha");
  e = error(R"({"alpha": "abc"})");
  EXPECT_EQ(e.status(), 400);
  EXPECT_STREQ(e.what(),
               "α (医療費指数反映係数): 「abc」は数として読めません。0以上1以下の数 "
               "(例: 0.5、50%) を入力してください");
  e = error(R"({"beta_prime": {"iryo": 0}})");
  EXPECT_STREQ(e.what(), "β′ (所得係数): 0 は範囲外です。0より大きく3以下の値を入力してください");
  EXPECT_EQ(e.field(), "beta_prime.iryo");
  e = error(R"({"equal_share_index": 1})");
  EXPECT_STREQ(e.what(), "e (均等割指数): 1 は範囲外です。0より大きく1未満の値を入力してください");
  e = error(R"({"collection_rate": "120%"})");
  EXPECT_STREQ(e.what(),
               "標準的な収納率: 120% は範囲外です。0より大きく1以下の値を入力してください");
  e = error(R"({"gamma": 1})");
  EXPECT_EQ(e.field(), "gamma");
  EXPECT_NE(std::string(e.what()).find("「gamma」という係数はありません"), std::string::npos);
  // A long value is cut (at a character boundary) before it is repeated.
  e = error(R"({"alpha": "ああああああああああああああああああああ"})");
  EXPECT_NE(std::string(e.what()).find("「ああああああああああ…」"), std::string::npos) << e.what();
}

// The ranges the app's sliders span are the ranges the parser accepts.
TEST(ServerApi, CaseGivesTheAcceptedRanges) {
  const auto j = CaseJson(Data());
  const auto& alpha = j["parameters"]["alpha"];
  EXPECT_EQ(alpha["min"], 0);
  EXPECT_EQ(alpha["max"], 1);
  EXPECT_FALSE(alpha["min_open"].get<bool>());
  EXPECT_EQ(alpha["text"], "0以上1以下");
  EXPECT_EQ(j["parameters"]["beta_prime"]["text"], "0より大きく3以下");
  EXPECT_EQ(j["parameters"]["collection_rate"]["text"], "0より大きく1以下");
  const auto& c = Data().case_data;
  EXPECT_EQ(StatusOf([&] { ParseScenario(json::parse(R"({"beta_prime": 3})"), c); }), 0);
  EXPECT_EQ(StatusOf([&] { ParseScenario(json::parse(R"({"beta_prime": 3.01})"), c); }), 422);
}

// Each mistake a person can make at the household form comes back in Japanese with the
// member's number and the field's path (no English "expected" left over).
TEST(ServerApi, HouseholdErrorsAreJapanese) {
  struct Case {
    const char* household;
    const char* field;
    const char* message;
  };
  const Case cases[] = {
      {R"({"members": [{"head": true, "age": 80}]})", "household.members[0].age",
       "1人目の年齢: 4月1日現在の年齢を0〜74の整数で入力してください (75歳以上は後期高齢者医療の"
       "被保険者です)"},
      {R"({"members": [{"head": true, "age": 42}, {"head": true, "age": 40}]})",
       "household.members[1].head",
       "2人目の世帯主: 世帯主は1人だけ選んでください (1人目 (members[0]) がすでに世帯主です)"},
      {R"({"members": [{"age": 42}]})", "household.members",
       "世帯員: 世帯主を1人選んでください (head: true。国保に加入していない世帯主は、国保の加入を"
       "「いいえ」(insured: false) にして擬制世帯主として入力します)"},
      {R"({"members": [{"head": true, "age": 42, "income": {"business": -1}}]})",
       "household.members[0].income.business",
       "1人目の事業所得など: 0以上の整数 (円) で入力してください (損失は「損失」の欄 "
       "(business_loss、real_estate_loss、forestry_loss、misc_loss) に正の額で入力します)"},
      {R"({"members": [{"head": true, "age": 42, "fixed_asset_tax": 1.5}]})",
       "household.members[0].fixed_asset_tax",
       "1人目の固定資産税額 (資産割): 円未満の端数のない整数で入力してください"},
      {R"({"members": [{"head": true, "age": 42, "involuntary_unemployment":
          {"separation_date": "2026-03-31", "reason_code": "99"}}]})",
       "household.members[0].involuntary_unemployment.reason_code",
       "1人目の離職理由コード: 離職理由コードは特定受給資格者 (11, 12, 21, 22, 31, 32) か特定理由"
       "離職者 (23, 33, 34) のものを入力してください"},
      {R"({"members": [{"head": true, "age": 42, "involuntary_unemployment":
          {"separation_date": "2026-13-01", "reason_code": "11"}}]})",
       "household.members[0].involuntary_unemployment.separation_date",
       "1人目の離職日: 日付を 2026-04-01、2026/4/1、令和8年4月1日 のように入力してください"},
      {R"({"members": [{"head": true, "insured": false, "age": 50}]})", "household.members",
       "世帯員: 国保に加入している人を1人以上入力してください"},
      {R"({"members": [{"head": true, "age": 42}, {"insured": false, "age": 40}]})",
       "household.members[1].insured",
       "2人目の国保の加入: 国保に加入していない人を入力できるのは世帯主 (擬制世帯主) か特定同一"
       "世帯所属者 (tokutei_doitsu: true) だけです。ほかの国保に加入していない人は世帯員に入れない"
       "でください"},
  };
  for (const Case& c : cases) {
    json body = {{"municipality", "102016"}, {"year", 2026}};
    body["household"] = json::parse(c.household);
    const ApiError e = ErrorOf([&] { LevyResponse(Data(), body); });
    EXPECT_EQ(e.status(), 400) << c.household;
    EXPECT_EQ(e.field(), c.field) << c.household;
    EXPECT_EQ(std::string(e.what()), c.message) << c.household;
    EXPECT_EQ(std::string(e.what()).find("expected"), std::string::npos) << e.what();
    EXPECT_EQ(test::JapaneseMessageProblem(e.what()), "") << e.what();
  }
}

TEST(ServerMessages, HouseholdFieldLabels) {
  EXPECT_EQ(HouseholdFieldLabel("members[0].age"), "1人目の年齢");
  EXPECT_EQ(HouseholdFieldLabel("members[11].income.pension_revenue"), "12人目の公的年金等収入");
  EXPECT_EQ(HouseholdFieldLabel("members[2]"), "3人目の世帯員");
  EXPECT_EQ(HouseholdFieldLabel("tokutei_since"), "特定世帯となった日");
  EXPECT_EQ(HouseholdFieldLabel("members[0].nope"), "1人目のnope");
  // The loader's path becomes the field and its label; the loader's Japanese is kept.
  FieldMessage m =
      HouseholdFieldMessage("members[1].income.misc: 金額を整数 (円) で入力してください");
  EXPECT_EQ(m.field, "household.members[1].income.misc");
  EXPECT_EQ(m.message, "2人目の雑所得: 金額を整数 (円) で入力してください");
  // The household's own keys (the loader's 最上位) and a syntax error: the whole household.
  m = HouseholdFieldMessage("最上位: 項目 year は使えません。綴りを確かめてください");
  EXPECT_EQ(m.field, "household");
  EXPECT_EQ(m.message, "世帯の入力: 項目 year は使えません。綴りを確かめてください");
  m = HouseholdFieldMessage("YAML として読めません (end of map not found)。…");
  EXPECT_EQ(m.field, "household");
  EXPECT_EQ(m.message, "YAML として読めません (end of map not found)。…");
}

TEST(ServerApi, ExportWritesCsvWithBomAndXlsx) {
  const auto req = ParseExport(json::parse(R"({"format": "csv", "filename": "納付金/../x",
      "header": ["団体コード", "納付金"], "rows": [["102016", 8197999256], ["合計", null]]})"));
  EXPECT_EQ(req.filename, "納付金____x");
  const ExportFile csv = BuildExport(req);
  EXPECT_EQ(csv.bytes, "\xEF\xBB\xBF団体コード,納付金\r\n102016,8197999256\r\n合計,\r\n");
  auto xreq = req;
  xreq.format = "xlsx";
  const ExportFile xlsx = BuildExport(xreq);
  ASSERT_GT(xlsx.bytes.size(), 100u);
  EXPECT_EQ(xlsx.bytes.substr(0, 2), "PK");  // a zip container
  EXPECT_EQ(xlsx.filename, "納付金____x.xlsx");
}

TEST(ServerApi, ExportRefusesBadTables) {
  auto status = [&](const std::string& body) {
    return StatusOf([&] { ParseExport(json::parse(body)); });
  };
  EXPECT_EQ(status(R"({"format": "pdf", "header": ["a"], "rows": []})"), 422);
  EXPECT_EQ(status(R"({"header": ["a"], "rows": [[{"x": 1}]]})"), 400);
  EXPECT_EQ(status(R"({"header": [], "rows": []})"), 422);
  EXPECT_EQ(status(R"({"rows": []})"), 400);
  std::string many = R"({"header": ["a"], "rows": [)";
  for (int i = 0; i < 10'001; ++i) many += (i ? ",[1]" : "[1]");
  EXPECT_EQ(status(many + "]}"), 422);
}

TEST(ServerStatic, RefusesTraversalAndServesOnlyEmbeddedFiles) {
  static const EmbeddedFile files[] = {{"index.html", "<html>"}, {"assets/a.js", "x"}};
  EXPECT_EQ(LookupStatic("/", files).status, 200);
  EXPECT_EQ(LookupStatic("/", files).file->path, "index.html");
  EXPECT_EQ(LookupStatic("/assets/a.js", files).content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(LookupStatic("/../etc/passwd", files).status, 400);
  EXPECT_EQ(LookupStatic("/assets/../index.html", files).status, 400);
  EXPECT_EQ(LookupStatic("/assets/..%2findex.html", files).status, 400);
  EXPECT_EQ(LookupStatic("//etc/passwd", files).status, 400);
  EXPECT_EQ(LookupStatic("/assets\\a.js", files).status, 400);
  EXPECT_EQ(LookupStatic(std::string_view("/a\0b", 4), files).status, 400);
  EXPECT_EQ(LookupStatic("relative", files).status, 400);
  EXPECT_EQ(LookupStatic("/etc/passwd", files).status, 404);
  EXPECT_EQ(LookupStatic("/assets/", files).status, 404);
  EXPECT_EQ(LookupStatic("/" + std::string(300, 'a'), files).status, 400);
}

}  // namespace
}  // namespace kokuho::server

namespace kokuho::server {
namespace {

// The live scenario's budget is 200 ms for request, engine and redraw; the engine's part
// (parse, compute the whole case, build the JSON) is a few ms on the sample prefecture.
// Prints the median thread CPU time (wall time varies with the machine's load).
TEST(ServerApi, RecomputeLatency) {
  const AppData& d = Data();
  std::vector<double> cpu_ms;
  for (int i = 0; i < 30; ++i) {
    timespec t0{}, t1{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
    const json body = ParseBody(fmt::format(R"({{"alpha": {:.2f}}})", i / 30.0));
    const nofukin::Case s = ApplyScenario(d.case_data, ParseScenario(body, d.case_data));
    const std::string out = ComputeJson(d, s, ComputeScenario(s)).dump();
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
    cpu_ms.push_back((t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
    ASSERT_GT(out.size(), 1000u);
  }
  std::sort(cpu_ms.begin(), cpu_ms.end());
  std::printf("recompute (parse + nofukin::Compute + JSON), median CPU time: %.2f ms\n",
              cpu_ms[cpu_ms.size() / 2]);
  EXPECT_LT(cpu_ms[cpu_ms.size() / 2], 200.0);
}

}  // namespace
}  // namespace kokuho::server
