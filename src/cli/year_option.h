// --year and --carry-forward, read the same way by every command that computes a fiscal
// year: 2026, R8, 令和8年度 (全角 digits too) are accepted; anything else is a usage error
// (exit 2) naming the option and the forms expected. --carry-forward allows a year past
// the last one the data files know (docs/parameters.md), and every output then says so.
//
//   YearOption year;
//   AddYearOption(*cmd, year, "R8");          // --year R8, required
//   FiscalYear fy = year.Get();               // after parsing
//   LoadNationalRules(fy.year(), "", year.Policy());
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "core/fiscal_year.h"
#include "core/parameter_notes.h"

namespace kokuho::cli {

struct YearOption {
  std::string text;
  bool carry_forward = false;

  bool given() const { return !text.empty(); }
  /// The year given (call only when given(); the option's check has already parsed it).
  FiscalYear Get() const;
  /// The year given, or `fallback` when the option was left out.
  FiscalYear GetOr(FiscalYear fallback) const;
  YearPolicy Policy() const { return YearPolicy{carry_forward}; }
};

/// Adds --year (required unless `required` is false) and, when `carry_forward`,
/// --carry-forward to `cmd`. `example` is a year shown in the help, e.g. "R8".
void AddYearOption(CLI::App& cmd, YearOption& year, const std::string& example,
                   bool required = true, const std::string& help = "", bool carry_forward = true);

/// Adds only --carry-forward (for commands whose years come from their input files).
void AddCarryForwardOption(CLI::App& cmd, bool& carry_forward);

/// Prints every note to stderr as 「注意: …」 lines.
void WarnParameterNotes(const ParameterNotes& notes);

}  // namespace kokuho::cli
