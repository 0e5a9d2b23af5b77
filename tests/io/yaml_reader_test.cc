#include "io/yaml_reader.h"

#include <gtest/gtest.h>

#include "io_test_util.h"

namespace kokuho {
namespace {

using io_test::CatchInputError;

TEST(ParseYamlStrict, LoadsMapping) {
  YAML::Node root = ParseYamlStrict(
      "prefecture: 群馬県\nparts:\n  iryo:\n    alpha: 0.75\n    beta: 0.8027351341274\n"
      "  shien:\n    beta: 0.8\n",
      "p.yaml");
  EXPECT_EQ(root["prefecture"].as<std::string>(), "群馬県");
  EXPECT_EQ(root["parts"]["iryo"]["beta"].as<std::string>(), "0.8027351341274");
  SourcePos pos = PosOf(root["parts"]["iryo"]["alpha"], "p.yaml");
  EXPECT_EQ(pos.file, "p.yaml");
  EXPECT_EQ(pos.line, 4);
  EXPECT_EQ(pos.column, 12);
  EXPECT_EQ(PosOf(root["missing"], "p.yaml").line, 0);
}

TEST(ParseYamlStrict, DuplicateTopLevelKey) {
  InputError e =
      CatchInputError([] { ParseYamlStrict("alpha: 1\nbeta: 2\nalpha: 3\n", "p.yaml"); });
  EXPECT_EQ(e.pos().line, 3);
  EXPECT_EQ(e.pos().column, 1);
  EXPECT_NE(e.message().find("項目 alpha が2回あります (最初は1行目)"), std::string::npos)
      << e.what();
}

TEST(ParseYamlStrict, DuplicateNestedKey) {
  const char* text =
      "parts:\n"
      "  iryo:\n"
      "    beta: 0.8\n"
      "  shien:\n"
      "    beta: 0.8\n"  // same key in another mapping: fine
      "individual_items:\n"
      "  - name: a\n"
      "    part: iryo\n"
      "  - name: b\n"
      "    part: iryo\n"
      "    \"name\": c\n";  // quoted, still the same key
  InputError e = CatchInputError([&] { ParseYamlStrict(text, "p.yaml"); });
  EXPECT_EQ(e.pos().line, 11);
  EXPECT_EQ(e.pos().column, 5);
  EXPECT_NE(e.message().find("項目 name が2回あります (最初は9行目)"), std::string::npos)
      << e.what();
}

TEST(ParseYamlStrict, DuplicateKeyInFlowMapping) {
  InputError e = CatchInputError([] { ParseYamlStrict("a: {x: 1, y: 2, x: 3}\n", "p.yaml"); });
  EXPECT_EQ(e.pos().line, 1);
  EXPECT_NE(e.message().find("項目 x が2回あります"), std::string::npos);
}

TEST(ParseYamlStrict, SyntaxErrorPosition) {
  InputError e = CatchInputError([] { ParseYamlStrict("a: 1\nb:\n  c: 1\n d: 2\n", "p.yaml"); });
  EXPECT_EQ(e.pos().file, "p.yaml");
  EXPECT_EQ(e.pos().line, 4);
  EXPECT_EQ(e.pos().column, 2);  // the mis-indented " d"
  EXPECT_NE(e.message().find("YAML として読めません"), std::string::npos);

  InputError flow = CatchInputError([] { ParseYamlStrict("a: [1, 2\nb: 3\n", "p.yaml"); });
  EXPECT_EQ(flow.pos().line, 2);
  EXPECT_GT(flow.pos().column, 0);
}

TEST(ParseYamlStrict, EmptyAndMultipleDocuments) {
  EXPECT_NE(CatchInputError([] { ParseYamlStrict("", "p.yaml"); }).message().find("空です"),
            std::string::npos);
  EXPECT_NE(CatchInputError([] { ParseYamlStrict("# only a comment\n", "p.yaml"); })
                .message()
                .find("空です"),
            std::string::npos);
  InputError two = CatchInputError([] { ParseYamlStrict("a: 1\n---\nb: 2\n", "p.yaml"); });
  EXPECT_EQ(two.pos().line, 3);
  EXPECT_NE(two.message().find("2つ目の文書があります"), std::string::npos);
  // A trailing "---" with nothing after it is harmless.
  EXPECT_EQ(ParseYamlStrict("a: 1\n---\n", "p.yaml")["a"].as<int>(), 1);
}

TEST(LoadYamlStrict, ReadsCp932AndBomFiles) {
  io_test::TempDir dir;
  io_test::WriteBytes(dir.Path("sjis.yaml"),
                      io_test::ToCp932("prefecture: 群馬県\nfiscal_year: 令和9年度\n"));
  EXPECT_EQ(LoadYamlStrict(dir.Path("sjis.yaml"))["prefecture"].as<std::string>(), "群馬県");
  io_test::WriteBytes(dir.Path("bom.yaml"), "\xEF\xBB\xBFprefecture: 群馬県\n");
  EXPECT_EQ(LoadYamlStrict(dir.Path("bom.yaml"))["prefecture"].as<std::string>(), "群馬県");
  io_test::WriteBytes(dir.Path("dup.yaml"), "a: 1\n\nb: 2\na: 3\n");
  InputError e = CatchInputError([&] { LoadYamlStrict(dir.Path("dup.yaml")); });
  EXPECT_EQ(e.pos().file, dir.Path("dup.yaml"));
  EXPECT_EQ(e.pos().line, 4);
}

TEST(LoadYamlStrict, MissingFile) {
  EXPECT_EQ(CatchInputError([] { LoadYamlStrict("/nonexistent/p.yaml"); }).message(),
            "ファイルがありません。パスを確かめてください");
}

}  // namespace
}  // namespace kokuho
