// The HTML report printed to PDF by headless Chromium (Debian's `chromium`), the way a
// browser's 「PDFに保存」 prints it: A4 landscape by the page's print CSS
// (web/src/report/report.css), without the browser's header and footer.
//
//   const std::string chromium = FindChromium();          // "" when not installed
//   if (chromium.empty()) throw std::runtime_error(kChromiumMissingMessage);
//   std::string pdf = PrintHtmlToPdf(html, chromium);     // bytes of the PDF
//
// Chromium writes the time of printing (/CreationDate, /ModDate) and an /ID made from it;
// NormalizePdf blanks the dates and derives the /ID from the document's bytes, without
// moving any byte (the cross-reference offsets stay valid), so the same report gives the
// same PDF on every run.
#pragma once

#include <string>
#include <string_view>

namespace kokuho {

/// The error when no Chromium is found (Japanese, with the fix).
inline constexpr std::string_view kChromiumMissingMessage =
    "PDF の作成には Chromium が必要ですが、見つかりませんでした (環境変数 KOKUHO_CHROMIUM、"
    "または PATH 上の chromium)。Debian では `sudo apt-get install chromium` "
    "(または `bash scripts/install-deps.sh --browser`) で入ります。"
    "HTML の報告書は --pdf を付けずに作成できます";

/// The Chromium to print with: $KOKUHO_CHROMIUM when set (and executable), else the first of
/// chromium, chromium-browser, google-chrome on PATH; "" when there is none.
std::string FindChromium();

/// Prints the self-contained HTML page `html` to PDF with the headless Chromium at
/// `chromium` (in a temporary folder, with a fresh profile, removed afterwards) and returns
/// the normalised bytes. Throws std::runtime_error with a Japanese message when Chromium
/// fails or gives no PDF within two minutes.
std::string PrintHtmlToPdf(const std::string& html, const std::string& chromium);

/// `pdf` with /CreationDate and /ModDate blanked (spaces of the same length) and every
/// /ID string replaced by hex digits of a hash of the rest of the file: same length, so
/// offsets stay valid; the result depends only on the document's content.
std::string NormalizePdf(std::string pdf);

}  // namespace kokuho
