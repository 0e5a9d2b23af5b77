// Code masters (基本マスター of 社会保険診療報酬支払基金, and MHLW's 一般名処方マスタ), versioned
// by date, and the lookup of a receipt's codes in the version in force in its 診療年月.
//
// Masters are loaded from the files the user gives (readers/claims/master_loader.h); each row
// carries its own 変更年月日 (from when it is in force) and 廃止年月日 (the last day it is in
// force; 99999999 = open). Several files (an older ALL file, a newer one, diffs) may hold
// several versions of one code; Find picks the version in force in the month.
//
//   MasterSet m = LoadMasters("masters/");
//   const MasterEntry* e = m.Find(MasterKind::kProcedure, "111000110", 202110);
//   // e->name == "初診料", e->price == 28200 (282.00 点 × 100)
//
// A code with no version in force is not guessed: Find returns nullptr, and Resolver
// reports it (in the master but not in force, or not in the master at all).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "claims/model.h"

namespace kokuho::claims {

/// Which master.
enum class MasterKind : std::uint8_t {
  kProcedure = 0,    ///< s 医科診療行為マスター
  kDrug = 1,         ///< y 医薬品マスター
  kMaterial = 2,     ///< t 特定器材マスター
  kComment = 3,      ///< c コメントマスター
  kDisease = 4,      ///< b 傷病名マスター
  kModifier = 5,     ///< z 修飾語マスター
  kGenericName = 6,  ///< 一般名処方マスタ (MHLW)
};
inline constexpr int kMasterKinds = 7;

/// "診療行為", "医薬品", … for messages.
std::string_view MasterKindName(MasterKind kind);
/// The file letter of a 支払基金 master ('s', 'y', 't', 'c', 'b', 'z'; 'g' for 一般名).
char MasterLetter(MasterKind kind);

/// The master a 9-digit レセ電 code belongs to, by its first digit (1 医科診療行為, 6 医薬品,
/// 7 特定器材, 8 コメント); nullopt for others (3 歯科診療行為, 4 調剤行為: masters not read).
std::optional<MasterKind> KindOfCode(std::uint32_t code);

/// One version of one code.
struct MasterEntry {
  std::string code;            ///< as in the master ("111000110", "1298", "1179020C1ZZZ")
  std::string name;            ///< 漢字名称 (b: 基本名称; 一般名: 標準的な記載)
  std::string unit;            ///< 単位名 / データ規格名
  std::int64_t price = kNone;  ///< × 100: s 点数, y 薬価 (円), t 金額 (円), 一般名 最低薬価
  std::int32_t valid_from = 0;       ///< 変更年月日 yyyymmdd, 0 = from the start
  std::int32_t valid_to = 99999999;  ///< 廃止年月日 yyyymmdd, the last day in force
  std::string extra;         ///< y 一般名コード, b ICD-10, c パターン, z 修飾語区分
  std::uint8_t generic = 0;  ///< y 後発品 (1)
  std::uint8_t form = 0;     ///< y 剤形 (1 内用, 3 外用, 4 注射 …; y[27]), 0 unknown
  std::string source;        ///< file the row came from
  std::uint32_t line = 0;    ///< its line
};

class MasterSet {
 public:
  /// Adds a version of a code.
  void Add(MasterKind kind, MasterEntry entry);
  /// The version of `code` in force in `month` (yyyymm): valid_from ≤ the month's last day
  /// and valid_to ≥ its first day; when several are, the one with the latest valid_from.
  const MasterEntry* Find(MasterKind kind, std::string_view code, std::int32_t month) const;
  /// Every version of `code`, in the order added.
  std::span<const MasterEntry> Versions(MasterKind kind, std::string_view code) const;
  /// Calls `fn(code, versions)` for every code of a kind (unordered).
  template <typename Fn>
  void ForEach(MasterKind kind, Fn&& fn) const {
    for (const auto& [code, versions] : tables_[static_cast<int>(kind)]) fn(code, versions);
  }
  /// Number of codes of a kind.
  std::size_t size(MasterKind kind) const { return tables_[static_cast<int>(kind)].size(); }
  bool empty() const;

 private:
  std::unordered_map<std::string, std::vector<MasterEntry>> tables_[kMasterKinds];
};

/// A code of the receipts that no master version resolves.
struct UnresolvedCode {
  MasterKind kind = MasterKind::kProcedure;
  std::string code;
  std::int32_t month = 0;  ///< 診療年月 it was used in
  std::uint64_t uses = 0;  ///< how many lines use it in that month
  std::string file;        ///< where first seen
  std::uint32_t line = 0;
  bool other_version = false;  ///< the master has the code, but not in force that month
};

/// Looks the codes of batches up in the masters and collects what does not resolve.
class Resolver {
 public:
  explicit Resolver(const MasterSet& masters) : masters_(masters) {}
  /// Checks every item code, 傷病名 and 修飾語 of the batch's receipts; `file_names`
  /// indexed by Receipt::file.
  void Check(const ClaimBatch& batch, std::span<const std::string> file_names);
  /// Codes looked up / resolved so far.
  std::uint64_t looked_up() const { return looked_up_; }
  std::uint64_t resolved() const { return resolved_; }
  /// The unresolved codes, ordered by kind, code and month.
  std::vector<UnresolvedCode> Unresolved() const;

 private:
  void Look(MasterKind kind, std::string_view code, std::int32_t month, const std::string& file,
            std::uint32_t line);
  const MasterSet& masters_;
  std::uint64_t looked_up_ = 0, resolved_ = 0;
  std::map<std::tuple<int, std::string, std::int32_t>, UnresolvedCode> unresolved_;
};

/// Formats a master price (× 100) as "282" or "13.90".
std::string FormatPrice(std::int64_t hundredths);

}  // namespace kokuho::claims
