// The 保険者努力支援制度 loader: the embedded R3 definitions (totals 1,000 and 296 asserted),
// bad definitions and bad data with their exact file:line:column, the long data form.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "../io/io_test_util.h"
#include "incentive/scoring.h"
#include "io/table.h"
#include "readers/incentive_loader.h"

namespace kokuho {
namespace {

using incentive::Level;
using io_test::TempDir;
using io_test::WriteBytes;

// A small valid definitions file; the bad cases below change one thing each. Line numbers
// in the comments are those of this text.
const std::string kBase =
    "from: R3\n"                                                                // 1
    "title: test\n"                                                             // 2
    "size_classes:\n"                                                           // 3
    "  - {key: small, label: 小, min: 0, below: 10000}\n"                       // 4
    "  - {key: large, label: 大, min: 10000}\n"                                 // 5
    "municipal:\n"                                                              // 6
    "  total: {value: 100, confirmed: true, source: s}\n"                       // 7
    "  indicators:\n"                                                           // 8
    "    - key: m1\n"                                                           // 9
    "      label: M1 テスト\n"                                                  // 10
    "      max: {value: 100, confirmed: true, source: s}\n"                     // 11
    "      items:\n"                                                            // 12
    "        - key: rate\n"                                                     // 13
    "          label: 率\n"                                                     // 14
    "          column: 率\n"                                                    // 15
    "          rule: threshold\n"                                               // 16
    "          unit: percent\n"                                                 // 17
    "          steps:\n"                                                        // 18
    "            - {at_least: 60%, points: 60, confirmed: false, source: s}\n"  // 19
    "            - {at_least: 40%, points: 30, confirmed: false, source: s}\n"  // 20
    "        - {key: flag, label: F, column: F, rule: flag, yes: 40, no: 0, confirmed: false, "
    "source: s}\n"                                          // 21
    "prefectural:\n"                                        // 22
    "  total: {value: 10, confirmed: true, source: s}\n"    // 23
    "  indicators:\n"                                       // 24
    "    - key: p1\n"                                       // 25
    "      label: P1\n"                                     // 26
    "      max: {value: 10, confirmed: true, source: s}\n"  // 27
    "      items:\n"                                        // 28
    "        - {key: pflag, label: PF, column: PF, rule: flag, yes: 10, no: -5, confirmed: "
    "false, source: s}\n";  // 29

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

// The definitions file (docs/parameters.md) around an entry body such as kBase: the body's
// line n is the file's line n + 5 and every column moves right by 6.
constexpr int kWrapLines = 5, kWrapColumns = 6;
std::string Wrap(const std::string& body) {
  std::string out =
      "known_through: R3\n"      // 1
      "definitions:\n"           // 2
      "  values:\n"              // 3
      "    - confirmed: true\n"  // 4
      "      source: s\n";       // 5
  for (size_t at = 0; at < body.size();) {
    size_t end = body.find('\n', at);
    if (end == std::string::npos) end = body.size() - 1;
    out += "      " + body.substr(at, end - at + 1);
    at = end + 1;
  }
  return out;
}

incentive::IncentiveRules Parse(const std::string& body) {
  return ParseIncentiveRules(Wrap(body), "r.yaml", FiscalYear(2021));
}

// "r.yaml:L:C: …" of the body → the same place in the wrapped file.
std::string Shift(const std::string& expected) {
  int line = 0, column = 0, used = 0;
  if (std::sscanf(expected.c_str(), "r.yaml:%d:%d:%n", &line, &column, &used) == 2 && used > 0)
    return fmt::format("r.yaml:{}:{}:{}", line + kWrapLines, column + kWrapColumns,
                       expected.substr(static_cast<size_t>(used)));
  used = 0;
  if (std::sscanf(expected.c_str(), "r.yaml:%d:%n", &line, &used) == 1 && used > 0)
    return fmt::format("r.yaml:{}:{}", line + kWrapLines,
                       expected.substr(static_cast<size_t>(used)));
  return expected;
}

std::string RulesError(const std::string& body) {
  InputError e = io_test::CatchInputError([&] { Parse(body); });
  return e.what();
}

TEST(IncentiveLoader, EmbeddedR3TotalsAreTheSpecs) {
  // 市町村分 1,000 (共通 670 + 固有 330) and 都道府県分 296 (110 + 80 + 106), 長野県 資料3
  // 別紙2-④ (background/003); the loader itself refuses a file whose maxima do not add up.
  incentive::IncentiveRules r = LoadIncentiveRules(FiscalYear(2021));
  EXPECT_EQ(r.municipal.MaxPoints(), Rational(1000));
  EXPECT_EQ(r.municipal.declared_total, Rational(1000));
  EXPECT_EQ(r.prefectural.MaxPoints(), Rational(296));
  ASSERT_EQ(r.municipal.indicators.size(), 12u);  // 共通①–⑥ and 固有①–⑥
  ASSERT_EQ(r.prefectural.indicators.size(), 3u);
  Rational common = 0;
  for (size_t k = 0; k < 6; ++k) common += r.municipal.indicators[k].max_points;
  EXPECT_EQ(common, Rational(670));
  for (const auto* lr : {&r.municipal, &r.prefectural})
    for (const auto& ind : lr->indicators) {
      EXPECT_TRUE(ind.max_provenance.confirmed) << ind.key;
      EXPECT_FALSE(ind.max_provenance.source.empty()) << ind.key;
    }
  // The item rules not yet read in an MHLW source are placeholders, and say so. 47 until the
  // review of spec/finance.md Addendum A (docs/incentive-sources.md §10): 9 values read in the
  // R3 column of the 2022-03-02 slides were confirmed (共通⑤ 4 flags, 916/24; 共通⑥ 2 flags,
  // 2 steps and 1 flag, 916/26), and two placeholders were replaced by confirmed rows, each
  // leaving one placeholder for the rest of its indicator (共通② flag c2_cancer → the 916/16
  // threshold 25% / 23.90% + the flag c2_cancer_other; 指標③ p3_support kept, smaller, beside
  // the two 916/74 flags): 47 − 9 = 38.
  EXPECT_EQ(r.UnconfirmedCount(), 38);
  EXPECT_EQ(r.size_classes.size(), 5u);
  // R4 has its own indicators, not embedded: refused, naming the years there are; past the
  // last entry (R3) only with --carry-forward, and then with a note.
  EXPECT_THROW(LoadIncentiveRules(FiscalYear(2027)), YearNotKnownError);
  const incentive::IncentiveRules carried = LoadIncentiveRules(FiscalYear(2022), YearPolicy{true});
  EXPECT_EQ(carried.year, FiscalYear(2021));
  EXPECT_TRUE(carried.notes.AnyCarriedForward());
  EXPECT_THROW(LoadIncentiveRules(FiscalYear(2020)), InputError);
}

// The rows confirmed from the 2022-03-02 MHLW slides (R3 column), scored at their bounds
// as the slides state them; each confirmed value cites its page.
const incentive::Item& FindItem(const incentive::IncentiveRules& r, const std::string& key) {
  for (const auto* lr : {&r.municipal, &r.prefectural})
    for (const auto& ind : lr->indicators)
      for (const auto& item : ind.items)
        if (item.key == key) return item;
  ADD_FAILURE() << "no item " << key;
  static const incentive::Item none;
  return none;
}

TEST(IncentiveLoader, EmbeddedR3ConfirmedRowsScoreAsTheSlides) {
  const incentive::IncentiveRules r = LoadIncentiveRules(FiscalYear(2021));
  auto score = [&](const std::string& key, std::map<std::string, Rational> values,
                   incentive::Level level = incentive::Level::kMunicipal) {
    incentive::Entity e;
    e.code = "102016";
    e.level = level;
    e.insured = 5000;
    e.values = std::move(values);
    return incentive::ScoreItem(r, FindItem(r, key), e, {});
  };
  // 共通②(1) (916/16): ① 平均受診率 25% → 15; ② ① not met but ≥ 23.90% (上位3割) → 10.
  const std::string cancer = "がん検診平均受診率";
  EXPECT_EQ(score("c2_cancer_rate", {{cancer, Rational(25, 100)}}), Rational(15));
  EXPECT_EQ(score("c2_cancer_rate", {{cancer, Rational(2499, 10000)}}), Rational(10));
  EXPECT_EQ(score("c2_cancer_rate", {{cancer, Rational(2390, 10000)}}), Rational(10));
  EXPECT_EQ(score("c2_cancer_rate", {{cancer, Rational(2389, 10000)}}), Rational(0));
  // 共通⑥ 使用割合 (916/26): ① 80% → 70; ① + ② 85.53% (上位1割) → 70 + 20.
  const std::string generic = "後発医薬品使用割合";
  EXPECT_EQ(score("c6_generic", {{generic, Rational(8553, 10000)}}), Rational(90));
  EXPECT_EQ(score("c6_generic", {{generic, Rational(8552, 10000)}}), Rational(70));
  EXPECT_EQ(score("c6_generic", {{generic, Rational(7999, 10000)}}), Rational(0));
  // 共通⑤ (916/24): 15 + 25 + 5 + 5 = the R3 maximum 50.
  Rational c5 = 0;
  for (const char* k : {"c5_extract", "c5_review", "c5_doctors", "c5_booklet"})
    c5 += FindItem(r, k).points_yes;
  EXPECT_EQ(c5, Rational(50));
  // 指標③ 保険料水準の統一 (916/74): ① 議論 and 算定方式・見える化 → 6; ② or ③ alone → 3.
  auto unify = [&](int discussion, int method) {
    std::map<std::string, Rational> v = {{"県の保険料水準統一議論", discussion},
                                         {"県の算定方式統一見える化", method}};
    return score("p3_unify_discussion", v, incentive::Level::kPrefectural) +
           score("p3_unify_method", v, incentive::Level::kPrefectural);
  };
  EXPECT_EQ(unify(1, 1), Rational(6));
  EXPECT_EQ(unify(1, 0), Rational(3));
  EXPECT_EQ(unify(0, 1), Rational(3));
  EXPECT_EQ(unify(0, 0), Rational(0));
  // Every confirmed item value names the page it was read on.
  int confirmed = 0;
  for (const auto* lr : {&r.municipal, &r.prefectural})
    for (const auto& ind : lr->indicators)
      for (const auto& item : ind.items) {
        std::vector<const incentive::Provenance*> provs;
        if (item.kind == incentive::RuleKind::kFlag) provs.push_back(&item.provenance);
        for (const auto& t : item.tables)
          for (const auto& st : t.steps) provs.push_back(&st.provenance);
        for (const auto* p : provs)
          if (p->confirmed) {
            ++confirmed;
            EXPECT_NE(p->source.find("参考資料 p."), std::string::npos) << item.key;
          }
      }
  EXPECT_EQ(confirmed, 13);  // 2 (共通②) + 4 (共通⑤) + 5 (共通⑥) + 2 (指標③)
}

TEST(IncentiveLoader, BaseIsValid) {
  incentive::IncentiveRules r = Parse(kBase);
  EXPECT_EQ(r.municipal.MaxPoints(), Rational(100));
  EXPECT_EQ(r.municipal.indicators[0].items[0].tables[0].steps[1].bound, Rational(2, 5));
}

struct BadRules {
  const char* what;
  const char* from;
  const char* to;
  const char* expected;  // the start of the message: "r.yaml:line:column: …"
};

TEST(IncentiveLoader, BadDefinitionsNameLineAndColumn) {
  const BadRules cases[] = {
      {"maxima do not add up to the total", "total: {value: 100,", "total: {value: 1000,",
       "r.yaml:7:18: municipal.total: 指標の満点の合計は 100 で、1000 ではありません"},
      {"items exceed the indicator max", "yes: 40, no: 0", "yes: 45, no: 0",
       "r.yaml:11:20: municipal.m1.max: 項目の点の合計 105 点が満点"},
      {"unknown rule kind", "rule: threshold", "rule: thresold",
       "r.yaml:16:17: municipal.m1.items[].rule: 「thresold」は使えません。threshold、percentile、"
       "rank、flag、share のどれかを書いてください"},
      {"misspelt key", "unit: percent", "units: percent", "r.yaml:17:11: "},
      {"percent without %", "at_least: 40%", "at_least: 40",
       "r.yaml:20:26: municipal.m1.items[] (rate).steps[].at_least: "
       "「40」は百分率として読めません"},
      {"steps not best first", "at_least: 40%", "at_least: 70%",
       "r.yaml:20:26: municipal.m1.items[] (rate).steps[].at_least: 段階は良い順に書いてください"},
      {"confirmed not a boolean", "confirmed: false, source: s}\n            - {at_least: 40%",
       "confirmed: maybe, source: s}\n            - {at_least: 40%",
       "r.yaml:19:54: municipal.m1.items[] (rate).steps[].confirmed: 「maybe」は true か false で"},
      {"points not a number", "points: 30", "points: 三十",
       "r.yaml:20:39: municipal.m1.items[] (rate).steps[].points: 「三十」は数として読めません"},
      {"size classes with a gap", "min: 10000}", "min: 12000}",
       "r.yaml:5:33: size_classes[].min: 10000 にしてください"},
      {"duplicate key", "title: test\n", "title: test\ntitle: again\n",
       "r.yaml:3:1: 項目 title が2回あります"},
      {"bad fiscal year", "from: R3", "from: X3",
       "r.yaml:1:7: definitions.values[0].from: 「X3」は年度として読めません"},
      {"percentile at the prefecture level",
       "{key: pflag, label: PF, column: PF, rule: flag, yes: 10, no: -5, confirmed: false, "
       "source: s}",
       "key: pflag\n          label: PF\n          column: PF\n          rule: percentile\n"
       "          unit: number\n          bands: [{top: 50%, points: 10, confirmed: false, "
       "source: s}]",
       "r.yaml:32:17: prefectural.p1.items[].rule: percentile と rank は市町村分だけに使えます"},
      {"share at the municipal level",
       "{key: flag, label: F, column: F, rule: flag, yes: 40, no: 0, confirmed: false, ",
       "{key: flag, label: F, column: F, rule: share, steps: [{at_least: 50%, points: 40, "
       "confirmed: false, source: s}]}\n# ",
       "r.yaml:21:50: municipal.m1.items[].rule: share は都道府県分だけに使えます"},
      {"rank bands not best first",
       "rule: threshold\n          unit: percent\n          steps:\n"
       "            - {at_least: 60%, points: 60, confirmed: false, source: s}\n"
       "            - {at_least: 40%",
       "rule: rank\n          unit: percent\n          bands:\n"
       "            - {rank_at_most: 5, points: 60, confirmed: false, source: s}\n"
       "            - {rank_at_most: 5",
       "r.yaml:20:30: municipal.m1.items[] (rate).bands[].rank_at_most: 段階は良い順"},
      {"empty source", "no: -5, confirmed: false, source: s}",
       "no: -5, confirmed: false, source: \"\"}", "r.yaml:29:"},
  };
  for (const auto& c : cases) {
    std::string msg = RulesError(Replace(kBase, c.from, c.to));
    const std::string expected = Shift(c.expected);
    EXPECT_EQ(msg.substr(0, expected.size()), expected) << c.what << "\n" << msg;
  }
}

TEST(IncentiveLoader, ShareReadsTheMunicipalFlagForThePrefecture) {
  // The prefecture's item: the share of municipalities with F = yes, ≥ 50% → 10. The
  // prefecture's row leaves F empty; the municipalities must give it.
  const std::string rules_text =
      Replace(kBase,
              "{key: pflag, label: PF, column: PF, rule: flag, yes: 10, no: -5, confirmed: "
              "false, source: s}",
              "{key: pshare, label: PS, column: F, rule: share, steps: [{at_least: 50%, "
              "points: 10, confirmed: false, source: s}]}");
  TempDir dir;
  const std::string path = dir.Path("d.csv");
  incentive::IncentiveRules rules = Parse(rules_text);
  WriteBytes(path,
             "団体コード,名称,被保険者数,率,F\n100005,群馬県,9000,,\n"
             "102016,前橋市,6000,55.5,はい\n102024,高崎市,3000,41%,0\n");
  incentive::ScoreResult s = incentive::Score(rules, LoadIncentiveData(path, rules));
  ASSERT_TRUE(s.prefecture.has_value());
  EXPECT_EQ(s.prefecture->total, Rational(10));  // 1 of 2 = 50%
  WriteBytes(path,
             "団体コード,名称,被保険者数,率,F\n100005,群馬県,9000,,\n"
             "102016,前橋市,6000,55.5,はい\n102024,高崎市,3000,41%,\n");
  InputError e = io_test::CatchInputError([&] { LoadIncentiveData(path, rules); });
  EXPECT_NE(std::string(e.what()).find("d.csv:4:5"), std::string::npos) << e.what();
}

// Data: wide CSV with a prefecture row and two municipalities of 群馬県.
const std::string kData =
    "団体コード,名称,被保険者数,率,F,PF\n"  // 1
    "100005,群馬県,9000,,,○\n"              // 2
    "102016,前橋市,6000,55.5,はい,\n"       // 3
    "102024,高崎市,3000,41%,0,\n";          // 4

struct DataRun {
  TempDir dir;
  std::string path;
  incentive::IncentiveRules rules = Parse(kBase);
  explicit DataRun(const std::string& text) : path(dir.Path("d.csv")) { WriteBytes(path, text); }
  std::string Error() {
    InputError e = io_test::CatchInputError([&] { LoadIncentiveData(path, rules); });
    std::string m = e.what();
    return m.substr(dir.Path("").size());  // "d.csv:line:col: …"
  }
};

TEST(IncentiveLoader, DataWideScoresAndAllocates) {
  DataRun run(kData);
  std::vector<incentive::Entity> es = LoadIncentiveData(run.path, run.rules);
  ASSERT_EQ(es.size(), 3u);
  EXPECT_EQ(es[0].level, Level::kPrefectural);
  EXPECT_EQ(es[1].values.at("率"), Rational(555, 1000));  // "55.5" in a percent column = 55.5%
  EXPECT_EQ(es[2].values.at("率"), Rational(41, 100));
  incentive::ScoreResult s = incentive::Score(run.rules, es);
  // 前橋市: 55.5% ≥ 40% → 30, flag はい → 40: 70. 高崎市: 41% → 30, flag 0 → 0: 30.
  EXPECT_EQ(s.municipal[0].total, Rational(70));
  EXPECT_EQ(s.municipal[1].total, Rational(30));
  EXPECT_EQ(s.prefecture->total, Rational(10));
  // 70 × 6000 = 420,000 and 30 × 3000 = 90,000: 1,000,000 × 42/51 = 823,529.41…,
  // × 9/51 = 176,470.58… → floors 823,529 + 176,470 = 999,999; the extra yen to .58….
  EXPECT_EQ(incentive::AllocateGrant(1'000'000, s.municipal), (std::vector<Yen>{823'529, 176'471}));
}

TEST(IncentiveLoader, DataLongFormGivesTheSameEntities) {
  DataRun run(
      "団体コード,名称,項目,値\n"
      "102016,前橋市,被保険者数,6000\n"
      "102016,,率,55.5\n"
      "102016,,F,はい\n"
      "102024,高崎市,被保険者数,3000\n"
      "102024,,率,41%\n"
      "102024,,F,0\n");
  std::vector<incentive::Entity> es = LoadIncentiveData(run.path, run.rules);
  ASSERT_EQ(es.size(), 2u);
  EXPECT_EQ(es[0].name, "前橋市");
  EXPECT_EQ(es[1].insured, 3000);
  EXPECT_EQ(es[1].values.at("F"), Rational(0));
}

TEST(IncentiveLoader, BadDataNameLineAndColumn) {
  struct Case {
    const char* what;
    std::string text;
    const char* expected;
  };
  const Case cases[] = {
      {"unknown column", Replace(kData, ",PF\n", ",PX\n"), "d.csv:1:6: 見出し 「PX」は使えません"},
      {"flag not yes/no", Replace(kData, "はい", "たぶん"),
       "d.csv:3:5: F: 「たぶん」は使えません。はい/いいえ"},
      {"rate above 100%", Replace(kData, "55.5", "155.5"),
       "d.csv:3:4: 率: 「155.5」は範囲外です。0〜100 の百分率で書いてください"},
      {"bad check digit", Replace(kData, "102024", "102025"), "d.csv:4:1: 団体コード"},
      {"missing value", Replace(kData, "55.5", ""), "d.csv:3:4: 率: 102016 の値がありません"},
      {"value on the wrong level", Replace(kData, "41%,0,", "41%,0,○"),
       "d.csv:4:6: PF: 市町村分には使いません"},
      {"another prefecture", Replace(kData, "102024", "132012"),
       "d.csv:4:1: 団体コード: 最初の行と違う都道府県の団体です"},
      {"insured not a count", Replace(kData, "3000", "三千人"), "d.csv:4:3: 被保険者数"},
      {"missing column",
       Replace(Replace(Replace(Replace(kData, ",F,PF", ",PF"), ",,○", ",○"), ",はい,", ","), ",0,",
               ","),
       "d.csv:1: 列 F がありません"},
  };
  for (const auto& c : cases) {
    DataRun run(c.text);
    std::string msg = run.Error();
    EXPECT_EQ(msg.substr(0, std::string(c.expected).size()), c.expected) << c.what << "\n" << msg;
  }
}

TEST(IncentiveLoader, NationalAverage) {
  TempDir dir;
  incentive::IncentiveRules rules = Parse(kBase);
  WriteBytes(dir.Path("n.yaml"),
             "fiscal_year: R3\nsource: s\nmunicipal:\n  m1: 41.49\n  total: 41.49\n");
  incentive::NationalAverage n = LoadNationalAverage(dir.Path("n.yaml"), rules);
  EXPECT_EQ(n.municipal.at("m1"), Rational::Parse("41.49"));
  WriteBytes(dir.Path("bad.yaml"), "fiscal_year: R3\nsource: s\nmunicipal:\n  m9: 1\n");
  InputError e =
      io_test::CatchInputError([&] { LoadNationalAverage(dir.Path("bad.yaml"), rules); });
  EXPECT_EQ(e.pos().line, 4);
  EXPECT_EQ(e.pos().column, 3);
}

}  // namespace
}  // namespace kokuho
