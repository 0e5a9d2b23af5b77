// An xlsx workbook's first sheet as a table (zip, XML, shared strings, cell references).
#include "core/error.h"
#include "fuzz/fuzz_target.h"
#include "io/xlsx_reader.h"

KOKUHO_FUZZ_TARGET(xlsx) {
  const std::string path =
      kokuho::fuzz::WriteScratch("book.xlsx", kokuho::fuzz::AsText(data, size));
  try {
    kokuho::ReadXlsx(path);
  } catch (const kokuho::InputError&) {
  }
}
