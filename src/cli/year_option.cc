#include "cli/year_option.h"

#include <fmt/format.h>

#include <iostream>

namespace kokuho::cli {

FiscalYear YearOption::Get() const { return *FiscalYear::TryParse(text); }

FiscalYear YearOption::GetOr(FiscalYear fallback) const { return given() ? Get() : fallback; }

void AddYearOption(CLI::App& cmd, YearOption& year, const std::string& example, bool required,
                   const std::string& help, bool carry_forward) {
  const std::string forms =
      fmt::format("{}、{} や西暦 (例: {})", example, FiscalYear::TryParse(example)->ToWareki(),
                  FiscalYear::TryParse(example)->year());
  CLI::Option* opt =
      cmd.add_option("--year", year.text, help.empty() ? "年度 (" + forms + ")" : help)
          ->check(CLI::Validator(
              [forms](const std::string& text) {
                return FiscalYear::TryParse(text)
                           ? std::string()
                           : fmt::format(
                                 "年度として読めません: 「{}」。{} のように指定してください", text,
                                 forms);
              },
              "FISCAL_YEAR"));
  if (required) opt->required();
  if (carry_forward) AddCarryForwardOption(cmd, year.carry_forward);
}

void AddCarryForwardOption(CLI::App& cmd, bool& carry_forward) {
  cmd.add_flag("--carry-forward", carry_forward,
               "データにまだ無い年度を、確認済みの最終年度の値を引き継いで計算する "
               "(出力に注意書きが付く; docs/parameters.md)");
}

void WarnParameterNotes(const ParameterNotes& notes) {
  for (const std::string& line : notes.Lines()) std::cerr << "注意: " << line << "\n";
}

}  // namespace kokuho::cli
