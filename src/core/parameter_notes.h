// ParameterNotes: what a result must tell its reader about the dated rule values it used.
//
// Every value under data/ is a dated series (docs/parameters.md): a value in force from a
// fiscal year, with its source and a confirmed flag, and each series says up to which
// fiscal year its values are known (`known_through`). Two things a reader of any output
// must be told:
//   - a value used is not confirmed in a primary text (`confirmed: false`);
//   - the year computed lies past the last year the series is known for, so the last
//     known value was carried forward (only ever on the user's explicit request,
//     YearPolicy::carry_forward, `--carry-forward` on the command line).
//
//   ParameterNotes notes;
//   notes.Add({ParameterNote::kCarriedForward, "caps", "data/premium/national.yaml",
//              FiscalYear(2026), FiscalYear(2027), ""});
//   notes.Lines();  // {"令和9年度: caps は令和8年度までしか確認されていないため ..."}
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "core/fiscal_year.h"

namespace kokuho {

/// A year past a series' known_through without YearPolicy::carry_forward: an input error
/// (exit 1) at the file's known_through, naming --carry-forward.
class YearNotKnownError : public InputError {
 public:
  using InputError::InputError;
};

/// Whether a year past a series' `known_through` may be computed with the last known value.
struct YearPolicy {
  bool carry_forward = false;  ///< --carry-forward: use the last known value, with a warning
};

struct ParameterNote {
  enum Kind {
    kUnconfirmed,     ///< the value in force is marked confirmed: false
    kCarriedForward,  ///< the year is past known_through; the last known value was used
  };
  Kind kind = kUnconfirmed;
  std::string series;  ///< e.g. "caps"
  std::string file;    ///< e.g. "data/premium/national.yaml"
  FiscalYear from{0};  ///< the entry used: in force from (kUnconfirmed) / known through (kCarried)
  FiscalYear year{0};  ///< the year computed
  std::string source;  ///< the entry's source (kUnconfirmed)
  std::string description;  ///< the series' description, e.g. 「応益割額の係数」 (may be empty)

  /// One line in Japanese for terminals, JSON and reports.
  std::string Text() const;
  bool operator==(const ParameterNote&) const = default;
};

/// The notes of one computation, without repeats, in the order first seen.
class ParameterNotes {
 public:
  void Add(const ParameterNote& note);
  void Merge(const ParameterNotes& other);
  const std::vector<ParameterNote>& notes() const { return notes_; }
  bool empty() const { return notes_.empty(); }
  bool AnyCarriedForward() const;
  /// Text() of every note, carried-forward ones first (they change what a figure means).
  std::vector<std::string> Lines() const;

 private:
  std::vector<ParameterNote> notes_;
};

}  // namespace kokuho
