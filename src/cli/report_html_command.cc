// `kokuho report-html DATA.json --out FILE.html [--pdf FILE.pdf]`: renders report data
// (kokuho.report/1, docs/report-format.md) into the self-contained HTML report, on its own, so that
// the renderer can be used and tested without a scenario.
#include <iostream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "cli/commands.h"
#include "core/error.h"
#include "io/encoding.h"
#include "io/output_files.h"
#include "report/html_report.h"
#include "report/pdf_export.h"

namespace kokuho::cli {
namespace {

// 1-based line and column of byte `offset` of `text`.
SourcePos PositionOf(const std::string& file, const std::string& text, std::size_t offset) {
  SourcePos pos{file, 1, 1};
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++pos.column;  // count characters, not UTF-8 continuation bytes
    }
  }
  return pos;
}

}  // namespace

void RegisterReportHtml(CLI::App& app, Action& action) {
  struct Args {
    std::string data, out, pdf;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "report-html",
      "レポートのデータ (JSON) から1ファイルのHTMLレポートを作る (render report data)");
  cmd->add_option("DATA", args->data, "レポートのデータ (JSON, kokuho.report/1 形式)")->required();
  cmd->add_option("--out,-o", args->out, "書き出す HTML ファイル")->required();
  cmd->add_option("--pdf", args->pdf,
                  "PDF ファイルにも印刷する (A4横; headless Chromium, chromium パッケージが必要)");
  cmd->callback([args, &action]() {
    action = [args]() {
      const std::string text = ReadTextFile(args->data);
      nlohmann::ordered_json report;
      try {
        report = nlohmann::ordered_json::parse(text);
      } catch (const nlohmann::json::parse_error& e) {
        const std::size_t at = e.byte > 0 ? e.byte - 1 : 0;
        throw InputError(PositionOf(args->data, text, at), "JSON として読めません");
      }
      const std::string chromium = args->pdf.empty() ? "" : FindChromium();
      if (!args->pdf.empty() && chromium.empty())
        throw std::runtime_error(std::string(kChromiumMissingMessage));
      const std::string html = RenderHtmlReport(report, args->data);
      // Both made before either is written: an error leaves neither file behind.
      const std::string pdf = args->pdf.empty() ? "" : PrintHtmlToPdf(html, chromium);
      WriteFileAtomic(args->out, html);
      std::cerr << "wrote " << args->out << "\n";
      if (!args->pdf.empty()) {
        WriteFileAtomic(args->pdf, pdf);
        std::cerr << "wrote " << args->pdf << "\n";
      }
      return 0;
    };
  });
}

}  // namespace kokuho::cli
