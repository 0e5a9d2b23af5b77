// Loading the code masters the user gives: 支払基金 基本マスター files (CP932 CSV, every field
// quoted, no header) and MHLW's 一般名処方マスタ (CSV or xlsx with a header row).
//
//   MasterSet m = LoadMasters("masters/");        // every master file in the folder
//   LoadMasterFile("masters/y_ALL20240321.csv", m);
//
// Files are recognised by name: s_*.csv (医科診療行為), y_*.csv (医薬品), t_*.csv (特定器材),
// c_*.csv (コメント), b_*.txt / b_*.csv (傷病名), z_*.txt / z_*.csv (修飾語), and
// ippanmei*.{csv,xlsx} or 一般名処方*.{csv,xlsx} (一般名処方マスタ). ck_* (コメント関連) and
// other files are listed as skipped.
//
// Column positions (0-based; docs/claims-format.md, receiptisan master column modules):
//   s: 1 "S", 2 code, 4 省略名称, 9 データ規格名, 11 点数, 86 変更年月日, 87 廃止年月日
//   y: 1 "Y", 2 code, 4 漢字名称, 9 単位名, 11 金額, 16 後発品, 29 変更, 30 廃止, 36 一般名コード
//   t: 1 "T", 2 code, 4 漢字名称, 9 単位名, 11 金額, 27 変更, 29 廃止
//   c: 1 "C", 3 パターン, 6 漢字名称, 20 変更, 21 廃止, 22 コード
//   b: 1 "B", 2 code, 5 基本名称, 13/15 ICD-10 (2003/2013), 22 変更, 23 廃止
//   z: 1 "Z", 2 code, 6 名称, 14 変更, 15 廃止, 18 修飾語区分
// A row with the wrong master letter, too few columns, a code of the wrong length or a
// date that is not 8 digits is an InputError at file:line:column; nothing is loaded then.
#pragma once

#include <string>
#include <vector>

#include "claims/master.h"

namespace kokuho {

/// What LoadMasters read.
struct MasterLoadReport {
  std::vector<std::string> loaded;   ///< "y_ALL20240321.csv: 医薬品 20,012 行"
  std::vector<std::string> skipped;  ///< files not recognised as masters
};

/// Loads every master file in `dir` (sorted by name, so the result does not depend on the
/// directory order). Throws InputError for an unreadable or malformed file, or a folder
/// without any master file.
claims::MasterSet LoadMasters(const std::string& dir, MasterLoadReport* report = nullptr);

/// Loads one master file into `masters`, its kind taken from the file name. Returns the
/// number of rows. Throws InputError.
std::size_t LoadMasterFile(const std::string& path, claims::MasterSet& masters);

/// The kind of master a file name stands for, if any.
std::optional<claims::MasterKind> MasterKindOfFile(const std::string& file_name);

}  // namespace kokuho
