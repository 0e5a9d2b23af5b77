// Loads the inputs of `kokuho chosei` (普通調整交付金): the dated coefficients
// (data/chosei/coefficients.yaml, embedded, or a user's file of the same form) and the
// per-prefecture data table (CSV or xlsx). Every error is an InputError at file:line:column;
// nothing is computed from a file that has one. Format: docs/chosei-format.md.
//
//   chosei::Coefficients c = LoadChoseiCoefficients(FiscalYear(2023));
//   std::vector<chosei::Prefecture> ps = LoadChoseiData("examples/chosei-sample/data.csv");
#pragma once

#include <string>
#include <vector>

#include "chosei/grant.h"
#include "core/fiscal_year.h"
#include "core/parameter_notes.h"

namespace kokuho {

/// The embedded coefficients in force in `year` (InputError before the first year;
/// YearNotKnownError past known_through unless `policy` carries the last values forward).
chosei::Coefficients LoadChoseiCoefficients(FiscalYear year, const YearPolicy& policy = {});
/// A user's coefficient file (the same format, docs/parameters.md).
chosei::Coefficients LoadChoseiCoefficientsFile(const std::string& path, FiscalYear year,
                                                const YearPolicy& policy = {});
/// Coefficient YAML text already in memory (`file` names it in messages).
chosei::Coefficients ParseChoseiCoefficients(const std::string& utf8, const std::string& file,
                                             FiscalYear year, const YearPolicy& policy = {});

/// The prefecture table: columns 都道府県コード, 都道府県名, 医療給付費等, 公費等,
/// 前期高齢者交付金, 平均被保険者数, 総所得金額等 and optionally 地域差指数.
std::vector<chosei::Prefecture> LoadChoseiData(const std::string& path);

}  // namespace kokuho
