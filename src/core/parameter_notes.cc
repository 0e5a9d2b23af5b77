#include "core/parameter_notes.h"

#include <fmt/format.h>

#include <algorithm>

namespace kokuho {

std::string ParameterNote::Text() const {
  if (kind == kCarriedForward)
    return fmt::format(
        "{}: {} ({}) は{}までしか確認されていないため、{}の値を引き継いで計算しました "
        "(--carry-forward)。公表値が出たら {} に追加してください",
        year.ToWareki(), series, file, from.ToWareki(), from.ToWareki(), file);
  if (description.empty())
    return fmt::format("{}: {} ({}, {}から適用) は未確認の値です: {}", year.ToWareki(), series,
                       file, from.ToWareki(), source);
  return fmt::format("{}: {} ({} の {}, {}から適用) は未確認の値です: {}", year.ToWareki(),
                     description, file, series, from.ToWareki(), source);
}

void ParameterNotes::Add(const ParameterNote& note) {
  if (std::find(notes_.begin(), notes_.end(), note) == notes_.end()) notes_.push_back(note);
}

void ParameterNotes::Merge(const ParameterNotes& other) {
  for (const ParameterNote& n : other.notes_) Add(n);
}

bool ParameterNotes::AnyCarriedForward() const {
  return std::any_of(notes_.begin(), notes_.end(), [](const ParameterNote& n) {
    return n.kind == ParameterNote::kCarriedForward;
  });
}

std::vector<std::string> ParameterNotes::Lines() const {
  std::vector<std::string> out;
  // Carried-forward notes of one file and year make one line naming every series.
  std::vector<bool> done(notes_.size(), false);
  for (size_t i = 0; i < notes_.size(); ++i) {
    const ParameterNote& n = notes_[i];
    if (n.kind != ParameterNote::kCarriedForward || done[i]) continue;
    std::vector<std::string> series;
    for (size_t j = i; j < notes_.size(); ++j) {
      const ParameterNote& m = notes_[j];
      if (m.kind == n.kind && m.file == n.file && m.year == n.year && m.from == n.from) {
        series.push_back(m.series);
        done[j] = true;
      }
    }
    if (series.size() == 1) {
      out.push_back(n.Text());
      continue;
    }
    std::string names;
    for (const std::string& s : series) names += (names.empty() ? "" : ", ") + s;
    out.push_back(fmt::format(
        "{}: {} の {} 系列 ({}) は{}までしか確認されていないため、{}の値を引き継いで計算しました "
        "(--carry-forward)。公表値が出たら {} に追加してください",
        n.year.ToWareki(), n.file, series.size(), names, n.from.ToWareki(), n.from.ToWareki(),
        n.file));
  }
  for (const ParameterNote& n : notes_)
    if (n.kind == ParameterNote::kUnconfirmed) out.push_back(n.Text());
  return out;
}

}  // namespace kokuho
