#include "readers/population_io.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "core/error.h"
#include "core/text.h"
#include "io/kpop_format.h"
#include "readers/population_table.h"

namespace kokuho {
namespace {

std::string Extension(const std::string& path) {
  return AsciiLower(std::filesystem::path(path).extension().string());
}

}  // namespace

premium::Population ReadPopulation(const std::string& path, int fiscal_year) {
  const std::string ext = Extension(path);
  if (ext == ".kpop") return ReadKpop(path);
  if (ext == ".csv" || ext == ".txt" || ext == ".xlsx" || ext == ".xlsm")
    return ReadPopulationTable(path, fiscal_year);
  throw InputError({path, 0, 0},
                   "被保険者ファイルは拡張子 .kpop、.csv、.xlsx のファイルを指定してください");
}

void WritePopulation(const std::string& path, const premium::Population& pop) {
  const std::string ext = Extension(path);
  if (ext == ".kpop") return WriteKpop(path, pop);
  if (ext == ".csv") return WritePopulationCsv(path, pop);
  throw InputError({path, 0, 0}, "出力ファイルは拡張子 .kpop か .csv の名前を指定してください");
}

}  // namespace kokuho
