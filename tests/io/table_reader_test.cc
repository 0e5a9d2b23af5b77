#include "io/table_reader.h"

#include <gtest/gtest.h>

#include "io/xlsx_writer.h"
#include "io_test_util.h"

namespace kokuho {
namespace {

using io_test::CatchInputError;

TEST(ReadTable, DispatchesOnExtension) {
  io_test::TempDir dir;
  io_test::WriteBytes(dir.Path("m.CSV"), "団体コード\n102016\n");
  EXPECT_EQ(ReadTable(dir.Path("m.CSV")).rows[0].cells[0].text, "102016");
  io_test::WriteBytes(dir.Path("m.txt"), "団体コード\n102024\n");
  EXPECT_EQ(ReadTable(dir.Path("m.txt"), "ignored").rows[0].cells[0].text, "102024");

  XlsxSheet sheet;
  sheet.name = "市町村";
  sheet.header = {"団体コード"};
  sheet.rows = {{XlsxCell::Text("102032")}};
  WriteXlsx(dir.Path("m.xlsx"), {sheet});
  Table t = ReadTable(dir.Path("m.xlsx"), "市町村");
  EXPECT_EQ(t.rows[0].cells[0].text, "102032");
  EXPECT_EQ(t.rows[0].cells[0].pos.file, dir.Path("m.xlsx") + "[市町村]");
}

TEST(ReadTable, RejectsOtherExtensions) {
  for (const char* name : {"m.json", "m", "m.xls", "m.ods"}) {
    InputError e = CatchInputError([&] { ReadTable(name); });
    EXPECT_EQ(e.pos().file, name);
    EXPECT_NE(e.message().find(".xlsx"), std::string::npos) << name;
  }
}

}  // namespace
}  // namespace kokuho
