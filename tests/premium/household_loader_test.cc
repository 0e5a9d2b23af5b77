// LoadHousehold (docs/household-format.md): good files give the expected Household; YAML,
// JSON and CP932 give the same one; each bad input gives an InputError at its file:line:column
// naming the JSON path, and never the income figure.
#include "readers/household_loader.h"

#include <gtest/gtest.h>

#include <string>

#include "../io/io_test_util.h"
#include "../japanese_text.h"

namespace kokuho {
namespace {

using io_test::CatchInputError;
using premium::CivilDate;
using premium::Household;
using premium::Person;

constexpr int kFy = 2026;

Household LoadText(const io_test::TempDir& dir, const std::string& name, const std::string& text,
                   int fy = kFy) {
  io_test::WriteBytes(dir.Path(name), text);
  return LoadHousehold(dir.Path(name), fy);
}

void ExpectSamePerson(const Person& a, const Person& b) {
  EXPECT_EQ(a.birth_date, b.birth_date);
  EXPECT_EQ(a.insured, b.insured);
  EXPECT_EQ(a.head, b.head);
  EXPECT_EQ(a.tokutei_doitsu, b.tokutei_doitsu);
  EXPECT_EQ(a.income_declared, b.income_declared);
  EXPECT_EQ(a.joined, b.joined);
  EXPECT_EQ(a.left, b.left);
  EXPECT_EQ(a.fixed_asset_tax, b.fixed_asset_tax);
  EXPECT_EQ(a.former_dependent_since, b.former_dependent_since);
  EXPECT_EQ(a.unemployment_separation, b.unemployment_separation);
  EXPECT_EQ(a.unemployment_reason, b.unemployment_reason);
  EXPECT_EQ(a.birth_month, b.birth_month);
  EXPECT_EQ(a.birth_multiple, b.birth_multiple);
  const premium::IncomeItems &x = a.income, &y = b.income;
  EXPECT_EQ(x.salary_revenue, y.salary_revenue);
  EXPECT_EQ(x.family_salary, y.family_salary);
  EXPECT_EQ(x.pension_revenue, y.pension_revenue);
  EXPECT_EQ(x.business, y.business);
  EXPECT_EQ(x.family_salary_paid, y.family_salary_paid);
  EXPECT_EQ(x.real_estate, y.real_estate);
  EXPECT_EQ(x.interest, y.interest);
  EXPECT_EQ(x.dividends, y.dividends);
  EXPECT_EQ(x.misc, y.misc);
  EXPECT_EQ(x.occasional, y.occasional);
  EXPECT_EQ(x.forestry, y.forestry);
  EXPECT_EQ(x.land_gains, y.land_gains);
  EXPECT_EQ(x.land_gains_deduction, y.land_gains_deduction);
  EXPECT_EQ(x.stocks, y.stocks);
  EXPECT_EQ(x.futures, y.futures);
  EXPECT_EQ(x.total_income, y.total_income);
  EXPECT_EQ(x.reduction_income, y.reduction_income);
  EXPECT_EQ(x.salary_income, y.salary_income);
  EXPECT_EQ(x.business_loss, y.business_loss);
  EXPECT_EQ(x.real_estate_loss, y.real_estate_loss);
  EXPECT_EQ(x.forestry_loss, y.forestry_loss);
  EXPECT_EQ(x.misc_loss, y.misc_loss);
}

void ExpectSameHousehold(const Household& a, const Household& b) {
  EXPECT_EQ(a.municipality, b.municipality);
  EXPECT_EQ(a.tokutei_since, b.tokutei_since);
  ASSERT_EQ(a.members.size(), b.members.size());
  for (size_t i = 0; i < a.members.size(); ++i) {
    SCOPED_TRACE("member " + std::to_string(i));
    ExpectSamePerson(a.members[i], b.members[i]);
  }
}

// Every key of the format, in YAML.
constexpr const char* kFullYaml = R"(id: "0001"
municipality: "10201"
members:
  - head: true
    age: 45
    fixed_asset_tax: 85,000
    income:
      salary_revenue: 5,200,000
      business: 300000
      family_salary_paid: 600000
      real_estate: 120000
      interest: 1000
      dividends: 2000
      misc: 3000
      occasional: 4000
      forestry: 5000
      land_gains: 6000000
      land_gains_deduction: 5000000
      stocks: 7000
      futures: 8000
      retirement: 9000000
      nontaxable: 1500000
  - birth_date: 1986-06-15
    income:
      family_salary: 600000
    involuntary_unemployment:
      separation_date: 2025-10-31
      reason_code: "23"
    birth:
      month: 2026-09
      multiple: true
  - age: 4
    joined: 2026-06-10
  - birth_date: 1956-05-01
    income_declared: false
    former_dependent_since: 2025-08-01
    left: 2026-11-01
    income:
      total_income: 1500000
      reduction_income: 1350000
      pension_revenue: 2000000
)";

constexpr const char* kFullJson = R"({
  "id": "0001",
  "municipality": "102016",
  "members": [
    {"head": true, "age": 45, "fixed_asset_tax": 85000,
     "income": {"salary_revenue": 5200000, "business": 300000, "family_salary_paid": 600000,
                "real_estate": 120000, "interest": 1000, "dividends": 2000, "misc": 3000,
                "occasional": 4000, "forestry": 5000, "land_gains": 6000000,
                "land_gains_deduction": 5000000, "stocks": 7000, "futures": 8000,
                "retirement": 9000000, "nontaxable": 1500000}},
    {"birth_date": "1986-06-15", "income": {"family_salary": 600000},
     "involuntary_unemployment": {"separation_date": "2025-10-31", "reason_code": 23},
     "birth": {"month": "2026-09", "multiple": true}},
    {"age": 4, "joined": "2026-06-10"},
    {"birth_date": "1956-05-01", "income_declared": false,
     "former_dependent_since": "2025-08-01", "left": "2026-11-01",
     "income": {"total_income": 1500000, "reduction_income": 1350000,
                "pension_revenue": 2000000}}
  ]
}
)";

TEST(HouseholdLoader, LoadsEveryKey) {
  io_test::TempDir dir;
  const Household h = LoadText(dir, "full.yaml", kFullYaml);
  EXPECT_EQ(h.id, "0001");
  EXPECT_EQ(h.municipality, "102016");  // check digit added
  EXPECT_FALSE(h.tokutei_since);
  ASSERT_EQ(h.members.size(), 4u);
  const Person& head = h.members[0];
  EXPECT_TRUE(head.head);
  EXPECT_TRUE(head.insured);
  EXPECT_TRUE(head.income_declared);
  EXPECT_EQ(head.birth_date, (CivilDate{1981, 4, 2}));  // 4月2日 of 2026 − 45
  EXPECT_EQ(head.fixed_asset_tax, 85'000);
  EXPECT_EQ(head.income.salary_revenue, 5'200'000);
  EXPECT_EQ(head.income.business, 300'000);
  EXPECT_EQ(head.income.family_salary_paid, 600'000);
  EXPECT_EQ(head.income.real_estate, 120'000);
  EXPECT_EQ(head.income.interest, 1'000);
  EXPECT_EQ(head.income.dividends, 2'000);
  EXPECT_EQ(head.income.misc, 3'000);
  EXPECT_EQ(head.income.occasional, 4'000);
  EXPECT_EQ(head.income.forestry, 5'000);
  EXPECT_EQ(head.income.land_gains, 6'000'000);
  EXPECT_EQ(head.income.land_gains_deduction, 5'000'000);
  EXPECT_EQ(head.income.stocks, 7'000);
  EXPECT_EQ(head.income.futures, 8'000);
  EXPECT_FALSE(head.income.total_income);  // retirement and nontaxable are left out

  const Person& wife = h.members[1];
  EXPECT_FALSE(wife.head);
  EXPECT_EQ(wife.birth_date, (CivilDate{1986, 6, 15}));
  EXPECT_EQ(wife.income.family_salary, 600'000);
  EXPECT_EQ(wife.unemployment_separation, (CivilDate{2025, 10, 31}));
  EXPECT_EQ(wife.unemployment_reason, "23");
  EXPECT_EQ(wife.birth_month, 202609);
  EXPECT_TRUE(wife.birth_multiple);

  const Person& child = h.members[2];
  EXPECT_EQ(child.birth_date, (CivilDate{2022, 4, 2}));
  EXPECT_EQ(child.joined, (CivilDate{2026, 6, 10}));
  EXPECT_FALSE(child.left);

  const Person& former = h.members[3];
  EXPECT_FALSE(former.income_declared);
  EXPECT_EQ(former.former_dependent_since, (CivilDate{2025, 8, 1}));
  EXPECT_EQ(former.left, (CivilDate{2026, 11, 1}));
  EXPECT_EQ(former.income.total_income, 1'500'000);
  EXPECT_EQ(former.income.reduction_income, 1'350'000);
  EXPECT_EQ(former.income.pension_revenue, 2'000'000);
}

TEST(HouseholdLoader, YamlAndJsonLoadIdentically) {
  io_test::TempDir dir;
  const Household y = LoadText(dir, "h.yaml", kFullYaml);
  const Household j = LoadText(dir, "h.json", kFullJson);
  ExpectSameHousehold(y, j);
  EXPECT_EQ(j.id, "0001");
}

TEST(HouseholdLoader, ReadsCp932WarekiAndZenkakuDigits) {
  io_test::TempDir dir;
  const std::string text =
      "# 擬制世帯主と特定同一世帯所属者\n"
      "tokutei_since: 令和6年7月15日\n"
      "members:\n"
      "  - head: true\n"
      "    insured: false\n"
      "    tokutei_doitsu: true\n"
      "    birth_date: 昭和２４年７月１５日\n"
      "    income:\n"
      "      pension_revenue: ２，０００，０００\n"
      "  - age: ７２\n"
      "    income: {pension_revenue: 600000}\n";
  io_test::WriteBytes(dir.Path("sjis.yaml"), io_test::ToCp932(text));
  const Household h = LoadHousehold(dir.Path("sjis.yaml"), kFy);
  EXPECT_EQ(h.id, "sjis");  // the file name when no id is given
  EXPECT_EQ(h.tokutei_since, (CivilDate{2024, 7, 15}));
  ASSERT_EQ(h.members.size(), 2u);
  EXPECT_FALSE(h.members[0].insured);
  EXPECT_TRUE(h.members[0].tokutei_doitsu);
  EXPECT_EQ(h.members[0].birth_date, (CivilDate{1949, 7, 15}));
  EXPECT_EQ(h.members[0].income.pension_revenue, 2'000'000);
  EXPECT_EQ(h.members[1].birth_date, (CivilDate{1954, 4, 2}));
  // The same household in UTF-8 loads identically.
  ExpectSameHousehold(h, LoadText(dir, "utf8.yaml", text));
}

TEST(HouseholdLoader, BirthMonthForms) {
  io_test::TempDir dir;
  for (const char* month : {"2026-09", "\"2026/9\"", "R8.9", "令和8年9月", "2026-09-20"}) {
    SCOPED_TRACE(month);
    const Household h = LoadText(dir, "b.yaml",
                                 std::string("members:\n  - head: true\n    age: 30\n    birth: "
                                             "{month: ") +
                                     month + "}\n");
    EXPECT_EQ(h.members[0].birth_month, 202609);
    EXPECT_FALSE(h.members[0].birth_multiple);
  }
}

TEST(HouseholdLoader, ExamplesLoad) {
  const std::string dir = std::string(KOKUHO_SOURCE_DIR) + "/examples/levy/";
  const Household family = LoadHousehold(dir + "family.yaml", kFy);
  ASSERT_EQ(family.members.size(), 4u);
  EXPECT_EQ(family.municipality, "102016");
  EXPECT_EQ(family.members[3].birth_date, (CivilDate{2022, 4, 2}));  // 未就学児
  const Household pensioners = LoadHousehold(dir + "pensioners.json", kFy);
  ASSERT_EQ(pensioners.members.size(), 2u);
  EXPECT_EQ(pensioners.members[0].income.pension_revenue, 2'400'000);
  EXPECT_EQ(pensioners.members[1].birth_date, (CivilDate{1955, 10, 5}));
  const Household single = LoadHousehold(dir + "single-7wari.yaml", kFy);
  EXPECT_EQ(single.municipality, "102016");
  const Household tokutei = LoadHousehold(dir + "tokutei.yaml", kFy);
  EXPECT_EQ(tokutei.tokutei_since, (CivilDate{2024, 7, 15}));
}

// A member whose salary is the figure no message may show.
constexpr const char* kHead =
    "members:\n"
    "  - head: true\n"
    "    age: 40\n"
    "    income:\n"
    "      salary_revenue: 7654321\n";  // line 5

struct BadCase {
  const char* name;
  std::string text;
  const char* file;  // "h.yaml" or "h.json"
  int line, column;
  const char* says;  // the path (or the key) the message must name
};

std::vector<BadCase> BadCases() {
  const std::string h = kHead;
  const std::string other = "  - age: 30\n    income:\n";  // lines 6–7
  return {
      {"negative", h + other + "      business: -7654321\n", "h.yaml", 8, 17,
       "members[1].income.business: 0以上の整数 (円) で入力してください"},
      {"malformed", h + other + "      misc: 76543x21\n", "h.yaml", 8, 13,
       "members[1].income.misc: 金額を整数 (円) で入力してください"},
      {"fraction", h + other + "      interest: 7654321.5\n", "h.yaml", 8, 17,
       "members[1].income.interest: 円未満の端数のない整数で入力してください"},
      {"over 10 billion", h + other + "      dividends: 76543210000\n", "h.yaml", 8, 18,
       "members[1].income.dividends: 1つの金額は100億円以下で入力してください"},
      {"not a single value", h + other + "      stocks: [7654321]\n", "h.yaml", 8, 15,
       "members[1].income.stocks: 1つの値で書いてください"},
      {"unknown income key", h + other + "      bonus: 7654321\n", "h.yaml", 8, 7,
       "members[1].income: 項目 bonus は使えません (使える項目: salary_revenue"},
      {"unknown member key", h + "  - age: 30\n    salary: 7654321\n", "h.yaml", 7, 5,
       "members[1]: 項目 salary は使えません"},
      {"unknown top key", "year: 2026\n" + h, "h.yaml", 1, 1, "最上位: 項目 year は使えません"},
      {"two heads", h + "  - head: true\n    age: 30\n", "h.yaml", 6, 11,
       "members[1].head: 世帯主は1人だけ選んでください (1人目 (members[0]) がすでに世帯主です)"},
      {"no head", "members:\n  - age: 40\n    income: {salary_revenue: 7654321}\n", "h.yaml", 2, 3,
       "members: 世帯主を1人選んでください (head: true。"},
      {"nobody insured", "members:\n  - head: true\n    insured: false\n    age: 40\n", "h.yaml", 2,
       3, "members: 国保に加入している人を1人以上入力してください"},
      {"empty members", "members: []\n", "h.yaml", 1, 10,
       "members: 世帯員は1人以上99人以下のリストで入力してください"},
      {"insured aged 75", h + "  - age: 75\n", "h.yaml", 6, 10,
       "members[1].age: 4月1日現在の年齢を0〜74の整数で入力してください "
       "(75歳以上は後期高齢者医療の被保険者です)"},
      {"age not whole", h + "  - age: 30.5\n", "h.yaml", 6, 10, "members[1].age"},
      {"head aged 121", "members:\n  - head: true\n    insured: false\n    age: 121\n  - age: 40\n",
       "h.yaml", 4, 10, "members[0].age: 4月1日現在の年齢を0〜120の整数で入力してください"},
      {"birth date after the year", h + "  - birth_date: 2027-04-01\n", "h.yaml", 6, 17,
       "members[1].birth_date: 年度末 (2027-03-31) より後の日付です。生年月日を確かめてください"},
      {"insured born 75 years ago", h + "  - birth_date: 1951-03-31\n", "h.yaml", 6, 17,
       "members[1].birth_date: 4月1日 (2026-04-01) にすでに75歳の誕生日を迎えていて"},
      {"age and birth date", h + "  - age: 30\n    birth_date: 1996-01-01\n", "h.yaml", 7, 17,
       "members[1]: 年齢 (age) か生年月日 (birth_date) のどちらか一方だけを入力してください"},
      {"neither age nor birth date", h + "  - income: {misc: 7654321}\n", "h.yaml", 6, 5,
       "members[1]: 年齢 (age、4月1日現在) か生年月日 (birth_date) を入力してください"},
      {"bad date", h + "  - age: 30\n    joined: 2026-02-30\n", "h.yaml", 7, 13,
       "members[1].joined: 日付を 2026-04-01、2026/4/1、令和8年4月1日 のように入力してください"},
      {"joined after left", h + "  - age: 30\n    joined: 2026-10-01\n    left: 2026-06-01\n",
       "h.yaml", 8, 11, "members[1].left: 資格喪失日は資格取得日より後の日付で入力してください"},
      {"not a bool", h + "  - age: 30\n    income_declared: maybe\n", "h.yaml", 7, 22,
       "members[1].income_declared: 「maybe」は true (はい) か false (いいえ) で指定してください"},
      {"tokutei_doitsu insured", h + "  - tokutei_doitsu: true\n    age: 30\n", "h.yaml", 6, 21,
       "members[1].tokutei_doitsu: 特定同一世帯所属者は後期高齢者医療に移った人です"},
      {"uninsured non-head", h + "  - insured: false\n    age: 30\n", "h.yaml", 6, 14,
       "members[1].insured: 国保に加入していない人を入力できるのは世帯主 (擬制世帯主) か"},
      {"land gains deduction too large",
       h + other + "      land_gains: 7654321\n      land_gains_deduction: 8000000\n", "h.yaml", 9,
       29,
       "members[1].income.land_gains_deduction: 特別控除は譲渡所得 (land_gains) "
       "以下の額で入力してください"},
      {"total income with business",
       h + other + "      total_income: 7654321\n      business: 7654321\n", "h.yaml", 9, 17,
       "members[1].income.business: 総所得金額等 (total_income) を直接入力したときは"},
      {"reduction income alone", h + other + "      reduction_income: 7654321\n", "h.yaml", 8, 25,
       "members[1].income.reduction_income: 軽減判定所得は総所得金額等 (total_income) "
       "と一緒に入力してください"},
      {"reason code",
       h + "  - age: 30\n    involuntary_unemployment:\n      separation_date: 2025-10-31\n"
           "      reason_code: \"41\"\n",
       "h.yaml", 9, 20,
       "members[1].involuntary_unemployment.reason_code: 離職理由コードは特定受給資格者"},
      {"unemployed at 65",
       h + "  - age: 70\n    involuntary_unemployment:\n      separation_date: 2025-10-31\n"
           "      reason_code: \"11\"\n",
       "h.yaml", 8, 24,
       "members[1].involuntary_unemployment.separation_date: 非自発的失業者の軽減は離職日に65歳"
       "未満の人が対象です"},
      {"unemployment without a reason",
       h + "  - age: 30\n    involuntary_unemployment: {separation_date: 2025-10-31}\n", "h.yaml",
       7, 31, "members[1].involuntary_unemployment: 項目 reason_code がありません"},
      {"unemployed with total_income",
       h + "  - age: 30\n    involuntary_unemployment: {separation_date: 2025-10-31, "
           "reason_code: 11}\n    income: {total_income: 7654321}\n",
       "h.yaml", 7, 31,
       "members[1].involuntary_unemployment: 非自発的失業者の軽減は給与所得にかかります"},
      {"birth for a member under 18", h + "  - age: 17\n    birth: {month: 2026-09}\n", "h.yaml", 7,
       12, "members[1].birth: 産前産後の免除は18歳以上の人"},
      {"former dependent aged 60", h + "  - age: 60\n    former_dependent_since: 2025-08-01\n",
       "h.yaml", 7, 29,
       "members[1].former_dependent_since: 旧被扶養者は資格取得日に65〜74歳の人です"},
      {"birth month malformed", h + "  - age: 30\n    birth:\n      month: 2026-13\n", "h.yaml", 8,
       14, "members[1].birth.month: 出産(予定)月を 2026-09 や 令和8年9月 のように入力してください"},
      {"birth unknown key", h + "  - age: 30\n    birth: {month: 2026-09, twins: true}\n", "h.yaml",
       7, 29, "members[1].birth: 項目 twins は使えません"},
      {"tokutei with two insured", "tokutei_since: 2024-07-01\n" + h + "  - age: 30\n", "h.yaml", 1,
       16, "tokutei_since: 特定世帯は国保の被保険者が1人の世帯です (この世帯は2人)"},
      {"tokutei without tokutei_doitsu", "tokutei_since: 2024-07-01\n" + h, "h.yaml", 1, 16,
       "tokutei_since: 特定世帯には後期高齢者医療に移った世帯員"},
      {"municipality check digit", "municipality: \"102017\"\n" + h, "h.yaml", 1, 15,
       "municipality: 「102017」は検査数字 (6桁目) が合いません。102016 ではありませんか"},
      {"duplicate key", h + "  - age: 30\n    age: 31\n", "h.yaml", 7, 5,
       "項目 age が2回あります (最初は6行目)"},
      {"member not a mapping", h + "  - 7654321\n", "h.yaml", 6, 5,
       "members[1]: 項目名と値の組 (項目名: 値) で書いてください"},
      {"json negative",
       "{\n  \"members\": [\n    {\"head\": true, \"age\": 40,\n"
       "     \"income\": {\"salary_revenue\": -7654321}}\n  ]\n}\n",
       "h.json", 4, 35, "members[0].income.salary_revenue: 0以上の整数 (円) で入力してください"},
      {"json trailing comma in a list", "{\"members\": [{\"head\": true, \"age\": 40},]}\n",
       "h.json", 1, 40, "JSON として読めません ("},
      {"json trailing comma in an object",
       "{\n  \"members\": [\n    {\"head\": true,\n     \"age\": 40,\n    }\n  ]\n}\n", "h.json", 5,
       5, "最後の要素の後にカンマを付けない"},
      {"empty file", "\n  \n", "h.yaml", 1, 1,
       "ファイルが空です。世帯 (members: …) を書いてください"},
      {"json single quotes", "{'members': []}\n", "h.json", 1, 2, "JSON として読めません ("},
      {"insured 75 on 4月1日 (75th birthday that day)", h + "  - birth_date: 1951-04-01\n",
       "h.yaml", 6, 17,
       "members[1].birth_date: 4月1日 (2026-04-01) にすでに75歳の誕生日を迎えていて、後期高齢者"
       "医療の被保険者です。生年月日を確かめてください"},
      {"income and loss of one kind",
       h + other + "      business: 7654321\n      business_loss: 100000\n", "h.yaml", 9, 22,
       "members[1].income.business_loss: 同じ種類の所得と損失は同時に入力できません (business と "
       "business_loss)"},
      {"salary_income with family_salary",
       h + other + "      family_salary: 7654321\n      salary_income: 100000\n", "h.yaml", 9, 22,
       "members[1].income.salary_income: 専従者給与を受けた人は"},
      {"salary_income above total_income",
       h + other + "      total_income: 100000\n      salary_income: 7654321\n", "h.yaml", 9, 22,
       "members[1].income.salary_income: 給与所得は総所得金額等 (total_income) "
       "以下の額で入力してください"},
      {"loss with total_income",
       h + other + "      total_income: 7654321\n      misc_loss: 100000\n", "h.yaml", 9, 18,
       "members[1].income.misc_loss: 総所得金額等 (total_income) を直接入力したときは"},
      {"json unknown key",
       "{\"members\": [{\"head\": true, \"age\": 40, \"income\": {\"salary\": 7654321}}]}\n",
       "h.json", 1, 51, "members[0].income: 項目 salary は使えません"},
  };
}

TEST(HouseholdLoader, BadInputsNameThePlaceAndPathInJapaneseButNotTheIncome) {
  for (const BadCase& c : BadCases()) {
    SCOPED_TRACE(c.name);
    io_test::TempDir dir;
    const std::string path = dir.Path(c.file);
    io_test::WriteBytes(path, c.text);
    const InputError e = CatchInputError([&] { LoadHousehold(path, kFy); });
    const std::string what = e.what();
    EXPECT_NE(what.find(path + ":" + std::to_string(c.line) + ":" + std::to_string(c.column) + ":"),
              std::string::npos)
        << what;
    EXPECT_NE(what.find(c.says), std::string::npos) << what;
    EXPECT_EQ(test::JapaneseMessageProblem(e.message()), "") << what;
    EXPECT_EQ(what.find("7654321"), std::string::npos) << what;
    EXPECT_EQ(what.find("7,654,321"), std::string::npos) << what;
  }
}

// 後期高齢者医療 starts on the 75th birthday (spec §4.5), so on the 賦課期日 (4月1日 of FY2026)
// a member born 1951-04-02 — 75 by age that day (年齢計算ニ関スル法律: the day before the
// birthday) — is still in 国保 and is accepted; one born 1951-04-01 (75th birthday on 4月1日
// itself) or 1951-03-31 is already in 後期 and is refused as insured (see the bad cases); as a
// 特定同一世帯所属者 (insured: false) they are accepted.
TEST(HouseholdLoader, SeventyFiveOnTheBirthdayNeighbours) {
  io_test::TempDir dir;
  const std::string h = kHead;
  for (const char* date : {"1951-04-02", "1951-04-03"}) {
    const Household x = LoadText(dir, "h.yaml", h + "  - birth_date: " + date + "\n");
    EXPECT_TRUE(x.members[1].insured) << date;
  }
  for (const char* date : {"1951-03-31", "1951-04-01"}) {
    const Household x = LoadText(
        dir, "h.yaml",
        h + "  - insured: false\n    tokutei_doitsu: true\n    birth_date: " + date + "\n");
    EXPECT_FALSE(x.members[1].insured) << date;
  }
}

// Losses and 給与所得 given directly (docs/household-format.md) load into their fields.
TEST(HouseholdLoader, LossesAndSalaryIncome) {
  io_test::TempDir dir;
  const Household x = LoadText(dir, "h.yaml",
                               "members:\n  - head: true\n    age: 50\n    income:\n"
                               "      salary_income: 2,000,000\n      business_loss: 500,000\n"
                               "      real_estate_loss: 10\n      forestry_loss: 20\n"
                               "      misc_loss: 30\n");
  const premium::IncomeItems& in = x.members[0].income;
  EXPECT_EQ(in.salary_income, 2'000'000);
  EXPECT_EQ(in.business_loss, 500'000);
  EXPECT_EQ(in.real_estate_loss, 10);
  EXPECT_EQ(in.forestry_loss, 20);
  EXPECT_EQ(in.misc_loss, 30);
  // With total_income and 非自発的失業者: salary_income says how much of it is 給与所得.
  const Household y =
      LoadText(dir, "h.json",
               "{\"members\": [{\"head\": true, \"age\": 40, \"involuntary_unemployment\": "
               "{\"separation_date\": \"2025-10-31\", \"reason_code\": \"11\"}, \"income\": "
               "{\"total_income\": 3000000, \"salary_income\": 2000000}}]}\n");
  EXPECT_EQ(y.members[0].income.salary_income, 2'000'000);
  EXPECT_EQ(y.members[0].income.total_income, 3'000'000);
}

TEST(HouseholdLoader, MissingFileIsAnInputError) {
  io_test::TempDir dir;
  const InputError e = CatchInputError([&] { LoadHousehold(dir.Path("none.yaml"), kFy); });
  EXPECT_NE(std::string(e.what()).find("none.yaml"), std::string::npos);
}

}  // namespace
}  // namespace kokuho
