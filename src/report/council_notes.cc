#include "report/council_notes.h"

#include <fmt/format.h>

#include <algorithm>

namespace kokuho {
namespace {

using J = nlohmann::ordered_json;

std::string MonthText(std::int32_t yyyymm) {
  return fmt::format("{}年{}月", yyyymm / 100, yyyymm % 100);
}

std::string When(const ParameterNote& n) {
  return n.month != 0 ? MonthText(n.month) : n.year.ToWareki();
}

std::string From(const ParameterNote& n) {
  return n.month != 0 ? MonthText(n.from_month) : n.from.ToWareki();
}

std::string What(const ParameterNote& n) {
  return n.description.empty() ? n.series : n.description;
}

// Carried-forward notes first, as ParameterNotes::Lines() orders them.
std::vector<const ParameterNote*> Ordered(const ParameterNotes& notes) {
  std::vector<const ParameterNote*> out;
  for (const auto& n : notes.notes())
    if (n.kind == ParameterNote::kCarriedForward) out.push_back(&n);
  for (const auto& n : notes.notes())
    if (n.kind != ParameterNote::kCarriedForward) out.push_back(&n);
  return out;
}

// 「A、B、C」, or 「A、B、C ほか N項目」 for more than kListed names.
std::string Names(const std::vector<std::string>& names) {
  constexpr std::size_t kListed = 3;
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < kListed; ++i) out += (i ? "、" : "") + names[i];
  if (names.size() > kListed) out += fmt::format(" ほか{}項目", names.size() - kListed);
  return out;
}

}  // namespace

std::vector<std::string> CouncilWarnings(const ParameterNotes& notes) {
  // One sentence per kind and year (and, carried forward, per year carried from): a year
  // carried forward touches every series of a file, which would fill the page line by line.
  // Years with the same values to say join in one sentence (「令和8年度・令和9年度: …」).
  struct Group {
    ParameterNote::Kind kind;
    std::string when, from;
    std::vector<std::string> names;
  };
  const std::vector<const ParameterNote*> ordered = Ordered(notes);
  std::vector<bool> done(ordered.size(), false);
  std::vector<Group> groups;
  for (std::size_t i = 0; i < ordered.size(); ++i) {
    if (done[i]) continue;
    const ParameterNote& n = *ordered[i];
    Group g{n.kind, When(n), From(n), {}};
    for (std::size_t j = i; j < ordered.size(); ++j) {
      const ParameterNote& m = *ordered[j];
      if (done[j] || m.kind != n.kind || When(m) != g.when) continue;
      if (n.kind == ParameterNote::kCarriedForward && From(m) != g.from) continue;
      done[j] = true;
      if (std::find(g.names.begin(), g.names.end(), What(m)) == g.names.end())
        g.names.push_back(What(m));
    }
    auto same = std::find_if(groups.begin(), groups.end(), [&](const Group& o) {
      return o.kind == g.kind && o.names == g.names &&
             (g.kind != ParameterNote::kCarriedForward || o.from == g.from);
    });
    if (same != groups.end())
      same->when += "・" + g.when;
    else
      groups.push_back(std::move(g));
  }
  std::vector<std::string> out;
  for (const Group& g : groups) {
    if (g.kind == ParameterNote::kCarriedForward)
      out.push_back(fmt::format(
          "{}: {} は{}までの値しか公表が確認できていないため、{}の値を用いた見込みです (付録)。",
          g.when, Names(g.names), g.from, g.from));
    else
      out.push_back(
          fmt::format("{}: {} は未確認の値を含みます (出典は付録)。", g.when, Names(g.names)));
  }
  return out;
}

nlohmann::ordered_json SourcesAppendix(const ParameterNotes& notes,
                                       const std::vector<ReportReference>& references) {
  if (notes.empty() && references.empty()) return nullptr;
  J blocks = J::array();
  if (!notes.empty()) {
    J rows = J::array();
    for (const ParameterNote* n : Ordered(notes))
      rows.push_back(J::array(
          {When(*n), What(*n),
           n->kind == ParameterNote::kCarriedForward ? "前年度までの値を引き継ぎ" : "未確認",
           From(*n), n->source.empty() ? "—" : n->source, n->file + " (" + n->series + ")"}));
    J columns = J::array();
    for (const char* label : {"年度", "値", "状態", "適用開始", "出典", "データ"})
      columns.push_back({{"label", label}, {"align", "left"}, {"format", "text"}});
    blocks.push_back({{"kind", "table"},
                      {"id", "sources-values"},
                      {"title", "未確認・引き継ぎの値とその出典"},
                      {"columns", std::move(columns)},
                      {"rows", std::move(rows)}});
  }
  if (!references.empty()) {
    J rows = J::array();
    for (const auto& r : references) rows.push_back(J::array({r.what, r.where}));
    J columns = J::array();
    for (const char* label : {"内容", "参照先"})
      columns.push_back({{"label", label}, {"align", "left"}, {"format", "text"}});
    blocks.push_back({{"kind", "table"},
                      {"id", "sources-references"},
                      {"title", "計算方法と定義の参照先"},
                      {"columns", std::move(columns)},
                      {"rows", std::move(rows)}});
  }
  J s;
  s["id"] = "sources";
  s["role"] = "appendix";
  s["title"] = "付録: 出典と前提";
  s["text"] =
      "本文の注意事項に挙げた値の出典と、計算方法の参照先です。「データ」は kokuho "
      "に同梱したデータファイルとその項目名です。";
  s["blocks"] = std::move(blocks);
  return s;
}

}  // namespace kokuho
