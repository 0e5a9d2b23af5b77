// NationalAverage: the national average points (全国平均 / 全国の市町村平均) per indicator
// and in total that a prefecture compares its scores with (e.g. the 全国 column of the
// MHLW analysis table). Read by readers/incentive_loader.h (LoadNationalAverage).
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/rational.h"

namespace kokuho::incentive {

struct NationalAverage {
  std::string source;
  std::map<std::string, Rational> municipal;  ///< by indicator key
  std::optional<Rational> municipal_total;
  std::map<std::string, Rational> prefectural;  ///< by indicator key
  std::optional<Rational> prefectural_total;
};

}  // namespace kokuho::incentive
