// `kokuho params [--year Y] [--markdown]`: every dated rule series kokuho carries
// (docs/parameters.md) with the law it comes from and the years it is known for; with
// --year, the entry in force that year, its source and whether it is confirmed.
// docs/rules-index.md is `kokuho params --markdown` (a test keeps it current).
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/output_formats.h"
#include "cli/year_option.h"
#include "io/parameter_file.h"
#include "report/report_table.h"

namespace kokuho::cli {
namespace {

struct ParamsRun {
  YearOption year;
  bool markdown = false;
  std::string out_dir, formats = "table";
};

std::string KnownText(const ParameterSeries& s) {
  if (s.monthly && s.known_through) return FormatMonth(s.known_through_month) + " (診療年月) まで";
  return s.known_through ? s.known_through->ToWareki() + "まで" : "改正まで (open)";
}

std::string Years(const ParameterSeries& s) {
  std::string out;
  for (const ParameterEntry& e : s.entries) {
    if (!out.empty()) out += ", ";
    out += (e.from_month ? FormatMonth(e.from_month) : e.from.ToShortWareki()) +
           (e.confirmed ? "" : "*");
  }
  return out;
}

// A Markdown table cell: no line breaks, no bare pipes.
std::string Cell(std::string text) {
  for (char& c : text)
    if (c == '\n') c = ' ';
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

void PrintMarkdown() {
  std::cout << "# 年度ごとの規則の一覧 (rules index)\n\n"
               "kokuho が内蔵する年度ごとの値 (data/ の各ファイル) を、根拠法令とともに列挙したもの"
               "です。`kokuho params --markdown` の出力で、テスト (tests/params) が最新であることを"
               "確かめます。書式は [parameters.md](parameters.md)。「年度」欄の * は未確認 "
               "(confirmed: false) の値です。\n\n"
               "| ファイル | 系列 | 内容 | 根拠 | 年度 (から適用) | 確認済みの範囲 |\n"
               "| --- | --- | --- | --- | --- | --- |\n";
  for (const std::string& path : EmbeddedParameterFiles()) {
    const ParameterFile f = ParameterFile::Embedded(path);
    for (const ParameterSeries* s : f.AllSeries())
      std::cout << fmt::format("| `{}` | `{}` | {} | {} | {} | {} |\n", path, s->name,
                               Cell(s->description), Cell(s->law), Years(*s), KnownText(*s));
  }
}

int RunParams(const ParamsRun& run) {
  if (run.markdown) {
    PrintMarkdown();
    return 0;
  }
  ReportTable t;
  t.key = "params";
  t.sheet = "年度ごとの規則";
  std::optional<FiscalYear> year;
  if (run.year.given()) year = run.year.Get();
  t.title = year ? fmt::format("年度ごとの規則 ({}に適用される値)", year->ToWareki())
                 : std::string("年度ごとの規則 (data/)");
  t.header = {"ファイル", "系列", "内容", "根拠", "年度 (から適用)", "確認済みの範囲"};
  if (year) t.header.insert(t.header.end(), {"適用", "確認", "出典"});
  nlohmann::ordered_json json = {{"schema", "kokuho.params/1"},
                                 {"series", nlohmann::ordered_json::array()}};
  if (year) json["fiscal_year"] = year->ToShortWareki();
  for (const std::string& path : EmbeddedParameterFiles()) {
    const ParameterFile f = ParameterFile::Embedded(path);
    for (const ParameterSeries* s : f.AllSeries()) {
      std::vector<ReportCell> row = {
          ReportCell::Text(path),   ReportCell::Text(s->name),   ReportCell::Text(s->description),
          ReportCell::Text(s->law), ReportCell::Text(Years(*s)), ReportCell::Text(KnownText(*s))};
      nlohmann::ordered_json js = {
          {"file", path},
          {"series", s->name},
          {"description", s->description},
          {"law", s->law},
          {"known_through", s->known_through ? nlohmann::ordered_json(
                                                   s->monthly ? FormatMonth(s->known_through_month)
                                                              : s->known_through->ToShortWareki())
                                             : nlohmann::ordered_json("open")}};
      if (year) {
        ParameterNotes notes;
        std::optional<ResolvedEntry> e;
        std::string state;
        try {
          e = f.TryResolve(s->name, *year, run.year.Policy(), notes);
        } catch (const YearNotKnownError&) {
          state = "未確認の年度 (--carry-forward)";
        }
        if (e) {
          const std::string used =
              (e->from_month ? FormatMonth(e->from_month) : e->from.ToShortWareki()) +
              (e->carried_forward ? " (引継ぎ)" : "");
          row.insert(row.end(), {ReportCell::Text(used),
                                 ReportCell::Text(e->confirmed ? "確認済み" : "未確認"),
                                 ReportCell::Text(e->source)});
          js["in_force"] = {
              {"from", e->from_month ? FormatMonth(e->from_month) : e->from.ToShortWareki()},
              {"confirmed", e->confirmed},
              {"carried_forward", e->carried_forward},
              {"source", e->source}};
        } else {
          row.insert(row.end(), {ReportCell::Text(state.empty() ? "(適用なし)" : state),
                                 ReportCell::Empty(), ReportCell::Empty()});
          js["in_force"] = nullptr;
        }
      }
      t.rows.push_back(std::move(row));
      json["series"].push_back(std::move(js));
    }
  }
  return EmitReports(run.out_dir, run.formats, "params", {t}, json);
}

}  // namespace

void RegisterParams(CLI::App& app, Action& action) {
  auto run = std::make_shared<ParamsRun>();
  CLI::App* cmd = app.add_subcommand(
      "params", "年度ごとの規則 (賦課限度額・軽減基準・係数など) の一覧と根拠法令、年度の適用値");
  AddYearOption(*cmd, run->year, "R8", false, "この年度に適用される値を示す (2026, R8, 令和8年度)");
  cmd->add_flag("--markdown", run->markdown, "docs/rules-index.md の形式で出力する");
  AddOutputOptions(*cmd, run->out_dir, run->formats);
  cmd->callback([run, cmd, &action]() {
    DefaultOutputFormats(*cmd, run->out_dir, run->formats);
    action = [run]() { return RunParams(*run); };
  });
}

}  // namespace kokuho::cli
