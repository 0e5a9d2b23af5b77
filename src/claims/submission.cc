#include "claims/submission.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "claims/cp932.h"

namespace kokuho::claims {
namespace {

// 1-based character column of field k of a record's text (the line end when missing).
std::uint32_t FieldColumn(std::string_view text, std::size_t k) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < k; ++i) {
    const std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) return static_cast<std::uint32_t>(Utf8CharCount(text) + 1);
    start = comma + 1;
  }
  return static_cast<std::uint32_t>(Utf8CharCount(text.substr(0, start)) + 1);
}

}  // namespace

std::string SubmissionKey(const FileSummary& f) {
  return fmt::format("{}-{:02}-{}-{}-{}", f.payer, f.prefecture, static_cast<int>(f.table),
                     f.institution, f.billing_month);
}

std::vector<Diagnostic> CheckSubmissions(std::span<const FileSummary> files) {
  std::vector<Diagnostic> out;
  std::map<std::string, std::vector<const FileSummary*>> groups;
  for (const FileSummary& f : files)
    if (!f.header_records.empty()) groups[SubmissionKey(f)].push_back(&f);

  for (auto& [key, group] : groups) {
    const FileSummary& first = *group.front();
    const std::string what = fmt::format("医療機関コード {} の請求年月 {} の請求",
                                         first.institution, first.billing_month);
    // Volumes 00, 01, … each once.
    std::vector<std::pair<std::int32_t, const FileSummary*>> volumes;
    for (const FileSummary* f : group) volumes.emplace_back(f->volume, f);
    std::sort(volumes.begin(), volumes.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < volumes.size(); ++i) {
      if (volumes[i].first != static_cast<std::int32_t>(i)) {
        out.push_back(
            {Severity::kError, volumes[i].second->name, volumes[i].second->header_line, 0,
             fmt::format("{} のマルチボリューム識別情報が {} です ({:02} のはず: 00 から連番; "
                         "ボリュームの欠けか重複)",
                         what, volumes[i].first, i),
             -1});
        break;
      }
    }
    // The final volume: GO マルチボリューム識別 = 99.
    std::vector<const FileSummary*> finals;
    for (const FileSummary* f : group) {
      if (!f->has_trailer) continue;
      if (f->go_volume == 99) {
        finals.push_back(f);
      } else if (f->go_count != kNone || f->go_points != kNone) {
        out.push_back({Severity::kWarning, f->name, f->trailer_line, 0,
                       "最終でないボリュームの GO に総件数・総合計点数が記録されています "
                       "(最終ボリュームだけに記録するもの)",
                       -1});
      }
    }
    if (finals.empty()) {
      const FileSummary* last = volumes.back().second;
      out.push_back(
          {Severity::kError, last->name, last->has_trailer ? last->trailer_line : 0, 0,
           fmt::format("{} に最終ボリューム (GO のマルチボリューム識別情報が 99) がありません: "
                       "総件数・総合計点数を確かめられません",
                       what),
           -1});
      continue;
    }
    if (finals.size() > 1) {
      out.push_back({Severity::kError, finals[1]->name, finals[1]->trailer_line, 0,
                     fmt::format("{} に最終ボリューム (GO が 99) が2つ以上あります", what), -1});
      continue;
    }
    const FileSummary& fin = *finals.front();
    std::int64_t counted = 0, points = 0;
    bool known = true;
    for (const FileSummary* f : group) {
      counted += f->counted;
      points += f->points;
      known = known && f->sums_known;
    }
    const std::string go_text = fin.trailer_records.empty() ? "" : fin.trailer_records.back();
    const std::string volumes_note =
        group.size() > 1 ? fmt::format(" ({} ボリュームの合計)", group.size()) : "";
    if (fin.go_count == kNone) {
      out.push_back({Severity::kError, fin.name, fin.trailer_line, FieldColumn(go_text, 1),
                     "最終ボリュームの GO に総件数が記録されていません", -1});
    } else if (fin.go_count != counted) {
      out.push_back(
          {Severity::kError, fin.name, fin.trailer_line, FieldColumn(go_text, 1),
           fmt::format(
               "GO の総件数 {} が、レセプトから数えた件数 {}{} と一致しません (数え方: 医療保険の"
               "レセプトは1件 + 公費1種ごとに1件、公費単独は公費の種数: 記録条件仕様 医科 "
               "令和4年4月版)",
               fin.go_count, counted, volumes_note),
           -1});
    }
    if (!known) {
      out.push_back({Severity::kWarning, fin.name, fin.trailer_line, FieldColumn(go_text, 2),
                     "合計点数の読めない HO/KO があるため、GO の総合計点数を確かめられません", -1});
    } else if (fin.go_points == kNone) {
      out.push_back({Severity::kError, fin.name, fin.trailer_line, FieldColumn(go_text, 2),
                     "最終ボリュームの GO に総合計点数が記録されていません", -1});
    } else if (fin.go_points != points) {
      out.push_back(
          {Severity::kError, fin.name, fin.trailer_line, FieldColumn(go_text, 2),
           fmt::format(
               "GO の総合計点数 {} が、各レセプトの主保険の合計点数 (HO、公費単独は最初の KO) "
               "の和 {}{} と一致しません",
               fin.go_points, points, volumes_note),
           -1});
    }
  }
  return out;
}

}  // namespace kokuho::claims
