// NormalizePdf (the same report gives the same PDF bytes) and the --pdf option's error when
// no Chromium is found. Printing itself is checked in the browser tests
// (tests/e2e/report.test.mjs: byte-identical re-run, pages, margins).
#include "report/pdf_export.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "../cli_runner.h"
#include "report/web_assets.h"

namespace kokuho {
namespace {

// The shape of what Chromium (Skia) writes: an Info dictionary with the time of printing
// and a trailer /ID made from it; the xref offsets count bytes.
std::string FakePdf(const std::string& date, const std::string& id, const std::string& body) {
  return "%PDF-1.4\n1 0 obj\n<</Creator (Chromium)\n/Producer (Skia/PDF m156)\n/CreationDate (D:" +
         date + "+00'00')\n/ModDate (D:" + date + "+00'00')>>\nendobj\n2 0 obj\n(" + body +
         ")\nendobj\ntrailer\n<</Size 3\n/Root 2 0 R\n/Info 1 0 R\n/ID [<" + id + "> <" + id +
         ">]>>\nstartxref\n123\n%%EOF\n";
}

TEST(NormalizePdf, BlanksTheDatesAndDerivesTheIdFromTheContentKeepingEveryOffset) {
  const std::string a = FakePdf("20261207154500", std::string(32, 'A'), "本文");
  const std::string b = FakePdf("20270101000001", "0123456789abcdef0123456789ABCDEF", "本文");
  const std::string na = NormalizePdf(a);
  const std::string nb = NormalizePdf(b);
  // Same length: the cross-reference offsets stay valid.
  EXPECT_EQ(na.size(), a.size());
  // Printed at different times, with different IDs: the same bytes after normalising.
  EXPECT_EQ(na, nb);
  EXPECT_EQ(na.find("CreationDate"), std::string::npos);
  EXPECT_EQ(na.find("ModDate"), std::string::npos);
  EXPECT_EQ(na.find("2026"), std::string::npos);
  // Everything else is where it was: the bytes before the Info dictionary and the objects.
  EXPECT_EQ(na.substr(0, 60), a.substr(0, 60));
  EXPECT_NE(na.find("2 0 obj\n(本文)\nendobj"), std::string::npos);
  // The /ID keeps its shape, 32 hex digits twice, now made from the content.
  const size_t id = na.find("/ID [<");
  ASSERT_NE(id, std::string::npos);
  const std::string first = na.substr(id + 6, 32);
  EXPECT_EQ(na.substr(id + 6 + 32, 3), "> <");
  EXPECT_EQ(na.substr(id + 6 + 35, 32), first);
  EXPECT_EQ(first.find_first_not_of("0123456789ABCDEF"), std::string::npos) << first;
  EXPECT_NE(first, std::string(32, 'A'));
  // Another content: another /ID.
  const std::string nc = NormalizePdf(FakePdf("20261207154500", std::string(32, 'A'), "別の本文"));
  EXPECT_NE(nc.substr(nc.find("/ID [<") + 6, 32), first);
  // Idempotent.
  EXPECT_EQ(NormalizePdf(na), na);
}

TEST(ReportHtmlCommand, PdfWithoutChromiumSaysWhatToInstallAndWritesNothing) {
  if (EmbeddedWebAsset("report.js").empty()) GTEST_SKIP() << "built with KOKUHO_WEB=OFF";
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "kokuho-report-pdf-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string fixture =
      std::string(KOKUHO_SOURCE_DIR) + "/tests/e2e/fixtures/report-sample.json";
  const std::string html = (dir / "report.html").string();
  const std::string pdf = (dir / "report.pdf").string();
  ::setenv("KOKUHO_CHROMIUM", (dir / "no-such-chromium").c_str(), 1);
  auto run =
      testing::RunKokuho({"report-html", fixture, "--out", html, "--pdf", pdf}, dir.string());
  ::unsetenv("KOKUHO_CHROMIUM");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.err.find("PDF の作成には Chromium が必要です"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("apt-get install chromium"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(html));
  EXPECT_FALSE(fs::exists(pdf));
  fs::remove_all(dir);
}

TEST(FindChromium, HonoursKokuhoChromiumAndRejectsWhatIsNotAProgram) {
  ::setenv("KOKUHO_CHROMIUM", "/nonexistent/chromium", 1);
  EXPECT_EQ(FindChromium(), "");
  ::setenv("KOKUHO_CHROMIUM", "/bin/sh", 1);
  EXPECT_EQ(FindChromium(), "/bin/sh");
  ::unsetenv("KOKUHO_CHROMIUM");
}

}  // namespace
}  // namespace kokuho
