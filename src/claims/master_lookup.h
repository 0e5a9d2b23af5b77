// Master lookups the checks and lists make many times, cached by code and 診療年月:
// a drug's 一般名コード, 後発品 flag, 薬価 and 剤形; a 傷病名's ICD-10; whether a 一般名コード
// has a 後発品 in the 医薬品マスター; the 一般名処方マスタ's 最低薬価.
//
//   MasterLookup m(&masters);
//   const DrugInfo& d = m.Drug(620098801, 202405);
//   if (d.found && !d.generic && m.HasGeneric(d.generic_code, 202405)) …
//
// Without masters (nullptr) every lookup finds nothing; callers say which checks could not
// run.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "claims/master.h"

namespace kokuho::claims {

struct DrugInfo {
  bool found = false;
  std::string name;
  std::string unit;
  std::string generic_code;  ///< 一般名コード (12 characters, y[36]), "" when none
  std::int64_t price = -1;   ///< 薬価 × 100 (円)
  bool generic = false;      ///< 後発品 (y[16] = 1)
  std::uint8_t form = 0;     ///< 剤形 (y[27]): 1 内用, 3 外用, 4 注射
};

class MasterLookup {
 public:
  explicit MasterLookup(const MasterSet* masters) : masters_(masters) {}
  bool has_masters() const { return masters_ != nullptr && !masters_->empty(); }

  /// The drug version in force in `month` (found = false when none).
  const DrugInfo& Drug(std::uint32_t code, std::int32_t month);
  /// The ICD-10 of a 傷病名 code in force in `month` ("" when unknown).
  const std::string& DiseaseIcd10(std::uint32_t code, std::int32_t month);
  /// The name of a 診療行為 / 医薬品 / 特定器材 code in force ("" when unknown).
  const std::string& CodeName(std::uint32_t code, std::int32_t month);
  /// The name of a 傷病名 (7 digits) / 修飾語 (4 digits) in force ("" when unknown).
  const std::string& DiseaseName(std::uint32_t code, std::int32_t month);
  const std::string& ModifierName(std::uint32_t code, std::int32_t month);
  /// Whether the 医薬品マスター has a 後発品 (y[16] = 1) with this 一般名コード in force.
  bool HasGeneric(const std::string& generic_code, std::int32_t month);
  /// The 一般名処方マスタ's 同一剤形・規格内の最低薬価 (× 100 円) of a 一般名コード, −1 none.
  std::int64_t LowestPrice(const std::string& generic_code, std::int32_t month);

 private:
  const MasterSet* masters_;
  std::unordered_map<std::uint64_t, DrugInfo> drugs_;
  std::unordered_map<std::uint64_t, std::string> icd_, names_, disease_names_, modifier_names_;
  std::unordered_map<std::string, std::int64_t> lowest_;
  // 一般名コード → months (yyyymm) checked, with the answer
  std::unordered_map<std::string, std::unordered_map<std::int32_t, bool>> has_generic_;
  std::unordered_map<std::string, std::vector<std::string>> generic_members_;
  bool members_built_ = false;
};

}  // namespace kokuho::claims
