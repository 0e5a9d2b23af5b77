// Population: many households as columns (one vector per field), the in-memory form of a
// population file (CSV, or kokuho's binary columnar format, readers/population_io.h) and of
// `kokuho synth`'s output. Members of household h are rows
// member_offset[h] .. member_offset[h+1]−1 of the member columns.
//
// Dates are yyyymmdd integers (0 = none); months are yyyymm. Money is whole yen.
//
// PopulationView borrows the same columns read-only from any storage (a Population, or
// numpy arrays in the Python module, read in place): PrepareAll reads a view.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "premium/household.h"

namespace kokuho::premium {

/// Member flag bits.
enum MemberFlag : std::uint8_t {
  kInsured = 1,
  kHead = 2,
  kTokuteiDoitsu = 4,
  kIncomeDeclared = 8,
  kBirthMultiple = 16,
  kIncomeGiven = 32,  ///< total_income (and reduction_income) given directly
};

struct PopulationView;

struct Population {
  std::vector<std::string> municipalities;  ///< 団体コード by index

  // Households.
  std::vector<std::int64_t> household_id;    ///< 世帯番号
  std::vector<std::uint16_t> municipality;   ///< index into municipalities
  std::vector<std::int32_t> tokutei_since;   ///< yyyymmdd or 0
  std::vector<std::uint32_t> member_offset;  ///< size households + 1

  // Members.
  std::vector<std::int32_t> birth_date;    ///< yyyymmdd
  std::vector<std::uint8_t> flags;         ///< MemberFlag bits
  std::vector<std::int32_t> joined, left;  ///< yyyymmdd or 0
  std::vector<std::int64_t> salary_revenue, family_salary, pension_revenue, business,
      family_salary_paid, other_income, land_gains, land_gains_deduction;
  std::vector<std::int64_t> total_income, reduction_income;  ///< when kIncomeGiven
  std::vector<std::int64_t> fixed_asset_tax;
  std::vector<std::int32_t> former_dependent_since;   ///< yyyymmdd or 0
  std::vector<std::int32_t> unemployment_separation;  ///< yyyymmdd or 0
  std::vector<std::uint8_t> unemployment_reason;  ///< 離職理由コード as a number (11 …)
  std::vector<std::int32_t> birth_month;          ///< yyyymm or 0

  std::size_t households() const { return household_id.size(); }
  std::size_t members() const { return birth_date.size(); }
  /// Appends a household (its municipality must already be in `municipalities`).
  void Add(const Household& h, std::uint16_t municipality_index, std::int64_t id);
  /// Household h as a Household (for Prepare and for explaining one row).
  Household Get(std::size_t h) const;
  /// The same into `out`, reusing its storage (the batch's loop: no allocation per household).
  void Fill(std::size_t h, Household& out) const;
  /// Reserves room for this many households and members.
  void Reserve(std::size_t households, std::size_t members);
  /// Index of a 団体コード, appended when new.
  std::uint16_t MunicipalityIndex(const std::string& code);
  /// The columns as a view (valid while this population lives and is not resized).
  PopulationView View() const;
};

/// A population's columns borrowed read-only, field by field as in Population: household
/// columns of `household_count` values (member_offset one more), member columns of
/// `member_count`. The storage must outlive the view and not change while it is read.
struct PopulationView {
  const std::vector<std::string>* municipalities = nullptr;  ///< 団体コード by index
  std::size_t household_count = 0, member_count = 0;

  const std::int64_t* household_id = nullptr;
  const std::uint16_t* municipality = nullptr;
  const std::int32_t* tokutei_since = nullptr;
  const std::uint32_t* member_offset = nullptr;

  const std::int32_t* birth_date = nullptr;
  const std::uint8_t* flags = nullptr;
  const std::int32_t *joined = nullptr, *left = nullptr;
  const std::int64_t *salary_revenue = nullptr, *family_salary = nullptr,
                     *pension_revenue = nullptr, *business = nullptr, *family_salary_paid = nullptr,
                     *other_income = nullptr, *land_gains = nullptr,
                     *land_gains_deduction = nullptr;
  const std::int64_t *total_income = nullptr, *reduction_income = nullptr;
  const std::int64_t* fixed_asset_tax = nullptr;
  const std::int32_t* former_dependent_since = nullptr;
  const std::int32_t* unemployment_separation = nullptr;
  const std::uint8_t* unemployment_reason = nullptr;
  const std::int32_t* birth_month = nullptr;

  std::size_t households() const { return household_count; }
  std::size_t members() const { return member_count; }
  /// Household h as a Household, into `out`, reusing its storage (Population::Fill).
  void Fill(std::size_t h, Household& out) const;
};

}  // namespace kokuho::premium
