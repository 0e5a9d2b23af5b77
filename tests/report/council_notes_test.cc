// CouncilWarnings and SourcesAppendix: the report's 注意事項 in plain words, the files and
// sources in the appendix.
#include "report/council_notes.h"

#include <gtest/gtest.h>

namespace kokuho {
namespace {

ParameterNotes TwoNotes() {
  ParameterNotes notes;
  ParameterNote unconfirmed;
  unconfirmed.kind = ParameterNote::kUnconfirmed;
  unconfirmed.series = "collection_thresholds";
  unconfirmed.file = "data/kpi/collection_bands.yaml";
  unconfirmed.from = FiscalYear(2022);
  unconfirmed.year = FiscalYear(2022);
  unconfirmed.source = "MHLW 2022-03-02 参考資料 p.28";
  unconfirmed.description = "収納率の上位3割・上位5割の基準";
  notes.Add(unconfirmed);
  ParameterNote carried;
  carried.kind = ParameterNote::kCarriedForward;
  carried.series = "caps";
  carried.file = "data/premium/national.yaml";
  carried.from = FiscalYear(2026);
  carried.year = FiscalYear(2027);
  notes.Add(carried);
  return notes;
}

TEST(CouncilWarnings, PlainSentencesWithoutFilesOrFlagsCarriedForwardFirst) {
  const auto lines = CouncilWarnings(TwoNotes());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0],
            "令和9年度: caps は令和8年度までの値しか公表が確認できていないため、令和8年度の値を用い"
            "た見込みです (付録)。");
  EXPECT_EQ(lines[1],
            "令和4年度: 収納率の上位3割・上位5割の基準 は未確認の値を含みます (出典は付録)。");
  for (const auto& l : lines) {
    EXPECT_EQ(l.find("data/"), std::string::npos) << l;
    EXPECT_EQ(l.find("confirmed"), std::string::npos) << l;
    EXPECT_EQ(l.find(".yaml"), std::string::npos) << l;
  }
}

// A year carried forward touches every series of a file: one sentence per year, naming
// three values and counting the rest, and years with the same values in one sentence (the
// appendix lists them all).
TEST(CouncilWarnings, OneSentencePerKindAndYear) {
  ParameterNotes notes;
  const char* names[] = {"賦課限度額", "軽減判定", "基礎控除", "給与所得控除", "年金控除"};
  for (const char* n : names) {
    ParameterNote carried;
    carried.kind = ParameterNote::kCarriedForward;
    carried.series = n;
    carried.description = n;
    carried.file = "data/premium/national.yaml";
    carried.from = FiscalYear(2026);
    carried.year = FiscalYear(2027);
    notes.Add(carried);
  }
  for (int year : {2026, 2027}) {
    ParameterNote u;
    u.series = "keigen_thresholds";
    u.description = "軽減判定";
    u.file = "data/premium/national.yaml";
    u.from = FiscalYear(2026);
    u.year = FiscalYear(year);
    notes.Add(u);
  }
  const auto lines = CouncilWarnings(notes);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0],
            "令和9年度: 賦課限度額、軽減判定、基礎控除 ほか2項目 は令和8年度までの値しか公表が"
            "確認できていないため、令和8年度の値を用いた見込みです (付録)。");
  // The same value unconfirmed in two years: one sentence naming both.
  EXPECT_EQ(lines[1], "令和8年度・令和9年度: 軽減判定 は未確認の値を含みます (出典は付録)。");
  EXPECT_EQ(SourcesAppendix(notes, {})["blocks"][0]["rows"].size(), 7u);
}

TEST(SourcesAppendix, ListsEachValueWithItsSourceAndFileThenTheReferences) {
  const auto s = SourcesAppendix(TwoNotes(), {{"KPI の計算", "docs/kpi-format.md"}});
  EXPECT_EQ(s["id"], "sources");
  EXPECT_EQ(s["role"], "appendix");
  ASSERT_EQ(s["blocks"].size(), 2u);
  const auto& values = s["blocks"][0];
  ASSERT_EQ(values["rows"].size(), 2u);
  EXPECT_EQ(values["rows"][1][4], "MHLW 2022-03-02 参考資料 p.28");
  EXPECT_EQ(values["rows"][1][5], "data/kpi/collection_bands.yaml (collection_thresholds)");
  EXPECT_EQ(values["rows"][0][2], "前年度までの値を引き継ぎ");
  EXPECT_EQ(s["blocks"][1]["rows"][0][1], "docs/kpi-format.md");
  EXPECT_TRUE(SourcesAppendix(ParameterNotes(), {}).is_null());
}

}  // namespace
}  // namespace kokuho
