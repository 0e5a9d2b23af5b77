// LoadHousehold (docs/household-format.md): good files give the expected Household; YAML,
// JSON and CP932 give the same one; each bad input gives an InputError at its file:line:column
// naming the JSON path, and never the income figure.
#include "readers/household_loader.h"

#include <gtest/gtest.h>

#include <string>

#include "../io/io_test_util.h"

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
       "members[1].income.business: expected whole yen >= 0"},
      {"malformed", h + other + "      misc: 76543x21\n", "h.yaml", 8, 13,
       "members[1].income.misc: expected an amount in whole yen"},
      {"fraction", h + other + "      interest: 7654321.5\n", "h.yaml", 8, 17,
       "members[1].income.interest: expected whole yen"},
      {"over 10 billion", h + other + "      dividends: 76543210000\n", "h.yaml", 8, 18,
       "members[1].income.dividends: expected at most 10,000,000,000 yen"},
      {"not a single value", h + other + "      stocks: [7654321]\n", "h.yaml", 8, 15,
       "members[1].income.stocks: expected a single value"},
      {"unknown income key", h + other + "      bonus: 7654321\n", "h.yaml", 8, 7,
       "members[1].income: unknown key 'bonus'"},
      {"unknown member key", h + "  - age: 30\n    salary: 7654321\n", "h.yaml", 7, 5,
       "members[1]: unknown key 'salary'"},
      {"unknown top key", "year: 2026\n" + h, "h.yaml", 1, 1, "unknown key 'year'"},
      {"two heads", h + "  - head: true\n    age: 30\n", "h.yaml", 6, 11, "members[1].head"},
      {"no head", "members:\n  - age: 40\n    income: {salary_revenue: 7654321}\n", "h.yaml", 2, 3,
       "members: expected exactly one member with head: true"},
      {"nobody insured", "members:\n  - head: true\n    insured: false\n    age: 40\n", "h.yaml", 2,
       3, "members: expected at least one insured member"},
      {"empty members", "members: []\n", "h.yaml", 1, 10, "members: expected a list"},
      {"insured aged 75", h + "  - age: 75\n", "h.yaml", 6, 10,
       "members[1].age: expected the age on 4月1日, a whole number from 0 to 74"},
      {"age not whole", h + "  - age: 30.5\n", "h.yaml", 6, 10, "members[1].age"},
      {"head aged 121", "members:\n  - head: true\n    insured: false\n    age: 121\n  - age: 40\n",
       "h.yaml", 4, 10, "members[0].age: expected the age on 4月1日, a whole number from 0 to 120"},
      {"birth date after the year", h + "  - birth_date: 2027-04-01\n", "h.yaml", 6, 17,
       "members[1].birth_date: expected a date not after the end of the fiscal year (2027-03-31)"},
      {"insured born 75 years ago", h + "  - birth_date: 1951-03-31\n", "h.yaml", 6, 17,
       "members[1].birth_date: expected an age on 4月1日"},
      {"age and birth date", h + "  - age: 30\n    birth_date: 1996-01-01\n", "h.yaml", 7, 17,
       "members[1]: give either age or birth_date, not both"},
      {"neither age nor birth date", h + "  - income: {misc: 7654321}\n", "h.yaml", 6, 5,
       "members[1]: expected age (on 4月1日) or birth_date"},
      {"bad date", h + "  - age: 30\n    joined: 2026-02-30\n", "h.yaml", 7, 13,
       "members[1].joined: expected a date"},
      {"joined after left", h + "  - age: 30\n    joined: 2026-10-01\n    left: 2026-06-01\n",
       "h.yaml", 8, 11, "members[1].left: expected a date after joined"},
      {"not a bool", h + "  - age: 30\n    income_declared: maybe\n", "h.yaml", 7, 22,
       "members[1].income_declared: expected true or false"},
      {"tokutei_doitsu insured", h + "  - tokutei_doitsu: true\n    age: 30\n", "h.yaml", 6, 21,
       "members[1].tokutei_doitsu"},
      {"uninsured non-head", h + "  - insured: false\n    age: 30\n", "h.yaml", 6, 14,
       "members[1].insured"},
      {"land gains deduction too large",
       h + other + "      land_gains: 7654321\n      land_gains_deduction: 8000000\n", "h.yaml", 9,
       29, "members[1].income.land_gains_deduction: expected at most land_gains"},
      {"total income with business",
       h + other + "      total_income: 7654321\n      business: 7654321\n", "h.yaml", 9, 17,
       "members[1].income.business: expected 0 or absent when total_income"},
      {"reduction income alone", h + other + "      reduction_income: 7654321\n", "h.yaml", 8, 25,
       "members[1].income.reduction_income: expected only together with total_income"},
      {"reason code",
       h + "  - age: 30\n    involuntary_unemployment:\n      separation_date: 2025-10-31\n"
           "      reason_code: \"41\"\n",
       "h.yaml", 9, 20,
       "members[1].involuntary_unemployment.reason_code: expected a 離職理由コード"},
      {"unemployed at 65",
       h + "  - age: 70\n    involuntary_unemployment:\n      separation_date: 2025-10-31\n"
           "      reason_code: \"11\"\n",
       "h.yaml", 8, 24,
       "members[1].involuntary_unemployment.separation_date: the 非自発的失業者 軽減 is for "
       "members under 65"},
      {"unemployment without a reason",
       h + "  - age: 30\n    involuntary_unemployment: {separation_date: 2025-10-31}\n", "h.yaml",
       7, 31, "members[1].involuntary_unemployment: missing key 'reason_code'"},
      {"unemployed with total_income",
       h + "  - age: 30\n    involuntary_unemployment: {separation_date: 2025-10-31, "
           "reason_code: 11}\n    income: {total_income: 7654321}\n",
       "h.yaml", 7, 31, "members[1].involuntary_unemployment: the 30/100 applies to 給与所得"},
      {"birth for a member under 18", h + "  - age: 17\n    birth: {month: 2026-09}\n", "h.yaml", 7,
       12, "members[1].birth: the 産前産後 exemption is supported for members 18 and over"},
      {"former dependent aged 60", h + "  - age: 60\n    former_dependent_since: 2025-08-01\n",
       "h.yaml", 7, 29, "members[1].former_dependent_since: a 旧被扶養者 is aged 65 to 74"},
      {"birth month malformed", h + "  - age: 30\n    birth:\n      month: 2026-13\n", "h.yaml", 8,
       14, "members[1].birth.month: expected the month of the birth"},
      {"birth unknown key", h + "  - age: 30\n    birth: {month: 2026-09, twins: true}\n", "h.yaml",
       7, 29, "members[1].birth: unknown key 'twins'"},
      {"tokutei with two insured", "tokutei_since: 2024-07-01\n" + h + "  - age: 30\n", "h.yaml", 1,
       16, "tokutei_since: a 特定世帯 has exactly one insured member; this household has 2"},
      {"tokutei without tokutei_doitsu", "tokutei_since: 2024-07-01\n" + h, "h.yaml", 1, 16,
       "tokutei_since: a 特定世帯 keeps the member who moved"},
      {"municipality check digit", "municipality: \"102017\"\n" + h, "h.yaml", 1, 15,
       "municipality: expected a 団体コード"},
      {"duplicate key", h + "  - age: 30\n    age: 31\n", "h.yaml", 7, 5, "duplicate key 'age'"},
      {"member not a mapping", h + "  - 7654321\n", "h.yaml", 6, 5,
       "members[1]: expected a mapping"},
      {"json negative",
       "{\n  \"members\": [\n    {\"head\": true, \"age\": 40,\n"
       "     \"income\": {\"salary_revenue\": -7654321}}\n  ]\n}\n",
       "h.json", 4, 35, "members[0].income.salary_revenue: expected whole yen >= 0"},
      {"json trailing comma in a list", "{\"members\": [{\"head\": true, \"age\": 40},]}\n",
       "h.json", 1, 40, "invalid JSON"},
      {"json trailing comma in an object",
       "{\n  \"members\": [\n    {\"head\": true,\n     \"age\": 40,\n    }\n  ]\n}\n", "h.json", 5,
       5, "no trailing comma"},
      {"empty file", "\n  \n", "h.yaml", 1, 1, "the file is empty"},
      {"json single quotes", "{'members': []}\n", "h.json", 1, 2, "invalid JSON"},
      {"insured 75 on 4月1日 (75th birthday that day)", h + "  - birth_date: 1951-04-01\n",
       "h.yaml", 6, 17,
       "members[1].birth_date: expected an age on 4月1日 (2026-04-01) from 0 to 74 "
       "(75 and over: 後期高齢者医療) (a 75th birthday after 4月1日)"},
      {"income and loss of one kind",
       h + other + "      business: 7654321\n      business_loss: 100000\n", "h.yaml", 9, 22,
       "members[1].income.business_loss: expected 0 or absent when business is given"},
      {"salary_income with family_salary",
       h + other + "      family_salary: 7654321\n      salary_income: 100000\n", "h.yaml", 9, 22,
       "members[1].income.salary_income: expected salary_revenue and family_salary instead"},
      {"salary_income above total_income",
       h + other + "      total_income: 100000\n      salary_income: 7654321\n", "h.yaml", 9, 22,
       "members[1].income.salary_income: expected at most total_income"},
      {"loss with total_income",
       h + other + "      total_income: 7654321\n      misc_loss: 100000\n", "h.yaml", 9, 18,
       "members[1].income.misc_loss: expected 0 or absent when total_income"},
      {"json unknown key",
       "{\"members\": [{\"head\": true, \"age\": 40, \"income\": {\"salary\": 7654321}}]}\n",
       "h.json", 1, 51, "members[0].income: unknown key 'salary'"},
  };
}

TEST(HouseholdLoader, BadInputsNameThePlaceAndPathButNotTheIncome) {
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
