#include "cli/scenario_inputs.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>

#include "core/error.h"
#include "core/text.h"
#include "scenario/sweep.h"

namespace kokuho::cli {
namespace {

std::vector<std::string> Split(const std::string& text, char sep) {
  std::vector<std::string> out(1);
  for (char ch : text) {
    if (ch == sep) {
      out.emplace_back();
    } else {
      out.back() += ch;
    }
  }
  return out;
}

}  // namespace

scenario::Run RunWithHouseholds(scenario::Scenario& s, const std::string& population_override,
                                unsigned threads, const YearPolicy& policy) {
  return RunScenarioWithHouseholds(s, population_override, threads, policy);
}

std::vector<Rational> ParseSweepAxis(const std::string& text, const std::string& option) {
  auto number = [&](std::string_view part) {
    auto v = Rational::TryParse(Trim(part));
    if (!v)
      throw CLI::ValidationError(option, "「" + std::string(Trim(part)) +
                                             "」は数として読めません。FROM:TO:STEP (例: "
                                             "0:1:0.05) か、数をカンマで区切って書いてください");
    return *v;
  };
  const std::vector<std::string> colon = Split(text, ':');
  if (colon.size() == 3) {
    const Rational from = number(colon[0]), to = number(colon[1]), step = number(colon[2]);
    if (step.Sign() <= 0 || to < from)
      throw CLI::ValidationError(option, "FROM ≤ TO、STEP は0より大きくしてください");
    return scenario::RangeValues(from, to, step);
  }
  if (colon.size() != 1)
    throw CLI::ValidationError(option, "FROM:TO:STEP (例: 0:1:0.05) の形で書いてください");
  std::vector<Rational> out;
  for (const auto& part : Split(text, ',')) out.push_back(number(part));
  return out;
}

}  // namespace kokuho::cli
