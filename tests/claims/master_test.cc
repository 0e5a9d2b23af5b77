// Masters from the bundled real extracts (支払基金 layout, via receiptisan; SOURCE.md):
// loading, resolution by 診療年月 against 変更年月日 / 廃止年月日, and the codes of the real
// sample — each resolved or reported, none guessed.
#include "claims/master.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "../io/io_test_util.h"
#include "claims/parser.h"
#include "claims_test_util.h"
#include "readers/claims/master_loader.h"

namespace kokuho {
namespace {

using claims::MasterKind;
namespace fs = std::filesystem;

// The five extracts in a folder of their own.
class MasterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* f : {"b_ALL00000000.csv", "s_ALL00000000.csv", "t_ALL00000000.csv",
                          "y_ALL00000000.csv", "z_ALL00000000.csv"})
      fs::copy_file(claims_test::DataPath(f), dir_.Path(f));
    masters_ = LoadMasters(dir_.path(), &report_);
  }
  io_test::TempDir dir_;
  MasterLoadReport report_;
  claims::MasterSet masters_;
};

TEST_F(MasterTest, LoadsTheExtracts) {
  EXPECT_EQ(report_.loaded.size(), 5u);
  EXPECT_EQ(masters_.size(MasterKind::kDisease), 5u);
  EXPECT_EQ(masters_.size(MasterKind::kProcedure), 5u);
  EXPECT_EQ(masters_.size(MasterKind::kMaterial), 6u);
  EXPECT_EQ(masters_.size(MasterKind::kDrug), 4u);
  EXPECT_EQ(masters_.size(MasterKind::kModifier), 8u);
}

TEST_F(MasterTest, WorkedLookups) {
  // s row 1: "111000110" 初診料, 点数 "282.00", 変更年月日 20180401, 廃止 99999999.
  const claims::MasterEntry* e = masters_.Find(MasterKind::kProcedure, "111000110", 202110);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->name, "初診料");
  EXPECT_EQ(e->price, 28200);
  EXPECT_EQ(e->valid_from, 20180401);
  EXPECT_EQ(masters_.Find(MasterKind::kProcedure, "111000110", 201803), nullptr);  // before 2018-04
  // 120002910 処方箋料（リフィル以外・その他） 68 点 is the R04 row, in force from 2022-04-01:
  // the sample's 2021-10 use has no version in the extract, so it is not resolved.
  EXPECT_EQ(masters_.Find(MasterKind::kProcedure, "120002910", 202110), nullptr);
  ASSERT_NE(masters_.Find(MasterKind::kProcedure, "120002910", 202204), nullptr);
  EXPECT_EQ(masters_.Versions(MasterKind::kProcedure, "120002910").size(), 1u);
  // y: ガスター散２％ 26.00 円/g, 後発品 0, from 2022-04-01.
  e = masters_.Find(MasterKind::kDrug, "610406079", 202204);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->name, "ガスター散２％");
  EXPECT_EQ(e->price, 2600);
  EXPECT_EQ(e->unit, "ｇ");
  EXPECT_EQ(e->generic, 0);
  // b: 4375001 もやもや病, ICD-10 I675; z: 1298 環指末節骨.
  e = masters_.Find(MasterKind::kDisease, "4375001", 202110);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->name, "もやもや病");
  EXPECT_EQ(e->extra, "I675");
  ASSERT_NE(masters_.Find(MasterKind::kModifier, "1298", 202110), nullptr);
  EXPECT_EQ(masters_.Find(MasterKind::kModifier, "1298", 202110)->name, "環指末節骨");
  // t: 710010001 with 金額 13900.00.
  e = masters_.Find(MasterKind::kMaterial, "710010001", 202204);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->price, 1390000);
}

TEST_F(MasterTest, VersionsByDate) {
  // Two versions of one code: the old one abolished on 2022-03-31, the new from 2022-04-01.
  claims::MasterSet m;
  claims::MasterEntry old_row{"111000110", "初診料", "", 28200, 20180401, 20220331};
  claims::MasterEntry new_row{"111000110", "初診料", "", 28800, 20220401, 99999999};
  m.Add(MasterKind::kProcedure, old_row);
  m.Add(MasterKind::kProcedure, new_row);
  EXPECT_EQ(m.Find(MasterKind::kProcedure, "111000110", 202203)->price, 28200);
  EXPECT_EQ(m.Find(MasterKind::kProcedure, "111000110", 202204)->price, 28800);
  EXPECT_EQ(m.Find(MasterKind::kProcedure, "111000110", 201712), nullptr);
}

TEST_F(MasterTest, EveryCodeOfTheSampleIsResolvedOrReported) {
  // The extracts hold only a few rows: every code of the sample must either resolve or be
  // reported with where it was first used — never both, never neither.
  const claims::ParseResult r = claims::ParseClaims(claims_test::SampleBytes(), "SAMPLE.UKE");
  claims::Resolver res(masters_);
  const std::vector<std::string> names{"SAMPLE.UKE"};
  res.Check(r.batch, names);
  const auto unresolved = res.Unresolved();
  std::uint64_t reported_uses = 0;
  std::set<std::string> reported;
  for (const auto& u : unresolved) {
    reported_uses += u.uses;
    reported.insert(std::string(1, claims::MasterLetter(u.kind)) + u.code);
    EXPECT_EQ(u.file, "SAMPLE.UKE");
    EXPECT_GT(u.line, 0u);
  }
  EXPECT_EQ(res.looked_up(), res.resolved() + reported_uses);
  // Uses: 320 SI + 32 IY + 56 CO codes, 2 comment codes inside SI/IY lines? none in the
  // sample; 9 傷病名 and 2 修飾語 (8070, 8002) = 419.
  EXPECT_EQ(res.looked_up(), 419u);
  // Resolved: 初診料 111000110 (in force since 2018-04) and 未コード化傷病名 0000999 (all
  // versions open) — the only codes of the sample that the extracts hold in force in 2021-10.
  EXPECT_EQ(reported.count("s111000110"), 0u);
  EXPECT_EQ(reported.count("b0000999"), 0u);
  EXPECT_EQ(reported.count("s120002910"), 1u);
  for (const auto& u : unresolved) {
    if (u.code == "120002910") {
      EXPECT_TRUE(u.other_version);  // in the master, not in force
    }
  }
  // Every other code is reported: 139 distinct (kind, code, month).
  EXPECT_EQ(unresolved.size(), 139u);
}

TEST(MasterLoader, MalformedRowsAreErrorsAtTheirCell) {
  io_test::TempDir dir;
  // A y row whose master letter is "S".
  io_test::WriteBytes(dir.Path("y_bad.csv"),
                      io_test::ToCp932("\"0\",\"S\",\"610406079\"" + std::string(40, ',') + "\n"));
  auto e = io_test::CatchInputError([&] {
    claims::MasterSet m;
    LoadMasterFile(dir.Path("y_bad.csv"), m);
  });
  EXPECT_EQ(e.pos().line, 1);
  EXPECT_EQ(e.pos().column, 5);
  // A b row with a 6-digit code.
  std::string row = "\"0\",\"B\",\"437500\"";
  for (int i = 3; i < 46; ++i) row += ",\"\"";
  io_test::WriteBytes(dir.Path("b_bad.txt"), io_test::ToCp932(row + "\n"));
  e = io_test::CatchInputError([&] {
    claims::MasterSet m;
    LoadMasterFile(dir.Path("b_bad.txt"), m);
  });
  EXPECT_EQ(e.pos().column, 9);  // after "0","B",
  EXPECT_NE(e.message().find("7 桁"), std::string::npos);
  // A folder without masters.
  io_test::TempDir empty;
  EXPECT_NE(io_test::CatchInputError([&] { LoadMasters(empty.path()); }).message().find("マスター"),
            std::string::npos);
}

TEST(MasterLoader, GenericNameMasterFromCsv) {
  io_test::TempDir dir;
  io_test::WriteBytes(
      dir.Path("ippanmeishohoumaster_test.csv"),
      "区分,一般名コード,一般名処方の標準的な記載,成分名,規格,同一剤形・規格内の最低薬価\n"
      "内用薬,1179020C1ZZZ,【般】ハロペリドール細粒１％,ハロペリドール,１％１ｇ,9.80\n");
  claims::MasterSet m;
  EXPECT_EQ(LoadMasterFile(dir.Path("ippanmeishohoumaster_test.csv"), m), 1u);
  const claims::MasterEntry* e = m.Find(MasterKind::kGenericName, "1179020C1ZZZ", 202504);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->name, "【般】ハロペリドール細粒１％");
  EXPECT_EQ(e->price, 980);
}

}  // namespace
}  // namespace kokuho
