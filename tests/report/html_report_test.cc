// RenderHtmlReport: the page's structure, the escaping of data inside <script>, the map
// data and credit line, and the messages for malformed reports (kokuho.report/1).
#include "report/html_report.h"

#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>

#include "../cli_runner.h"
#include "../japanese_text.h"
#include "core/error.h"
#include "report/web_assets.h"

namespace kokuho {
namespace {

using nlohmann::json;

json Minimal() {
  return json::parse(R"({
    "schema": "kokuho.report/1", "title": "群馬県 テスト", "generated_by": "kokuho test",
    "sections": [{"id": "s1", "title": "推移", "blocks": [
      {"kind": "line", "id": "l1", "title": "1人当たり保険料", "unit": "円", "x": ["R9", "R10"],
       "series": [{"name": "前橋市", "values": [123456, null]}]},
      {"kind": "bar", "id": "b1", "stacked": true, "x": ["a"], "series": [{"name": "x", "values": [1]}]},
      {"kind": "table", "id": "t1", "columns": [{"label": "市町村"}, {"label": "額", "format": "yen"}],
       "rows": [["前橋市", 1234567890], ["高崎市", null]]}]}]})");
}

json WithMap() {
  json r = Minimal();
  r["prefecture_code"] = "10";
  r["sections"][0]["blocks"].push_back(json::parse(R"({"kind": "map", "id": "m1", "metrics": [
      {"label": "1人当たり保険料", "unit": "円", "values": {"102016": 123456, "102024": null}}]})"));
  return r;
}

bool HaveScript() { return !EmbeddedWebAsset("report.js").empty(); }

// The text of the element <script ... id="ID">…</script>.
std::string ScriptText(const std::string& html, const std::string& id) {
  const std::string open = "id=\"" + id + "\">";
  size_t begin = html.find(open);
  if (begin == std::string::npos) return "";
  begin += open.size();
  return html.substr(begin, html.find("</script>", begin) - begin);
}

size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

std::string ErrorOf(const json& r) {
  try {
    ValidateReport(r, "data.json");
  } catch (const InputError& e) {
    EXPECT_EQ(test::JapaneseMessageProblem(e.message()), "") << e.message();
    return e.what();
  }
  return "(no error)";
}

TEST(HtmlReport, EmbedsTheMapDataAndScript) {
  EXPECT_FALSE(EmbeddedWebAsset("geo/municipalities-2021.topojson").empty());
  EXPECT_TRUE(EmbeddedWebAsset("no/such/file").empty());
}

TEST(HtmlReport, RendersOnePageWithInlineDataAndNoMapWhenThereIsNone) {
  if (!HaveScript()) GTEST_SKIP() << "built with KOKUHO_WEB=OFF";
  const std::string html = RenderHtmlReport(Minimal());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<html lang=\"ja\">"), std::string::npos);
  EXPECT_NE(html.find("<title>群馬県 テスト</title>"), std::string::npos);
  EXPECT_NE(html.find("Content-Security-Policy"), std::string::npos);
  EXPECT_EQ(json::parse(ScriptText(html, "kokuho-report-data")), Minimal());
  EXPECT_EQ(html.find("id=\"kokuho-geo-data\""), std::string::npos);
  EXPECT_EQ(html.find(std::string(kMapCredit) + "</p></footer>"), std::string::npos);
  // No reference to anything outside the file.
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_EQ(html.find("href=\"http"), std::string::npos);
}

TEST(HtmlReport, AMapBringsThePrefecturesBoundariesAndTheCreditLine) {
  if (!HaveScript()) GTEST_SKIP() << "built with KOKUHO_WEB=OFF";
  const std::string html = RenderHtmlReport(WithMap());
  const json geo = json::parse(ScriptText(html, "kokuho-geo-data"));
  const auto& geometries = geo["objects"]["N03-21_210101"]["geometries"];
  EXPECT_EQ(geometries.size(), 35u);  // 群馬県's 35 市町村
  for (const auto& g : geometries)
    EXPECT_EQ(g["properties"]["N03_007"].get<std::string>().substr(0, 2), "10");
  EXPECT_NE(html.find("<footer class=\"kk-credits\"><p>地図 — " + std::string(kMapCredit)),
            std::string::npos);
  EXPECT_LT(html.size(), 1500u * 1024);  // the prefecture only, not all of Japan
}

TEST(HtmlReport, TextThatLooksLikeMarkupCannotEndTheScriptElement) {
  if (!HaveScript()) GTEST_SKIP() << "built with KOKUHO_WEB=OFF";
  json r = Minimal();
  r["title"] = "A </script><script>alert(1)</script> & <b>";
  r["notes"] = {"</SCRIPT> <!-- x --> <\\/script>"};
  r["sections"][0]["blocks"][0]["series"][0]["name"] = "</script>";
  const std::string html = RenderHtmlReport(r);
  // Exactly the page's own script elements end: data + bundle.
  std::string lower = html;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(Count(lower, "</script"), 2u);
  EXPECT_EQ(Count(lower, "<!--"), 0u);
  EXPECT_NE(
      html.find(
          "<title>A &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;</title>"),
      std::string::npos);
  // The data still reads back unchanged.
  EXPECT_EQ(json::parse(ScriptText(html, "kokuho-report-data")), r);
}

TEST(HtmlReport, OrderedJsonKeepsItsKeyOrder) {
  if (!HaveScript()) GTEST_SKIP() << "built with KOKUHO_WEB=OFF";
  nlohmann::ordered_json r = nlohmann::ordered_json::parse(Minimal().dump());
  r["zz_first_extra"] = 1;  // unknown fields are allowed and kept
  const std::string html = RenderHtmlReport(r);
  EXPECT_EQ(ScriptText(html, "kokuho-report-data"), r.dump());
}

TEST(HtmlReport, NamesTheFieldOfAMalformedReport) {
  json r = Minimal();
  EXPECT_EQ(ErrorOf(r), "(no error)");
  EXPECT_EQ(ErrorOf(WithMap()), "(no error)");

  r["schema"] = "kokuho.report/2";
  EXPECT_EQ(ErrorOf(r),
            "data.json: schema: 「kokuho.report/2」には対応していません。\"kokuho.report/1\" と"
            "書いてください");
  EXPECT_EQ(ErrorOf(json::array()),
            "data.json: レポートのデータは JSON のオブジェクト ({…}) にしてください");

  r = Minimal();
  r.erase("title");
  EXPECT_EQ(ErrorOf(r), "data.json: title: ありません。文字列で書いてください");

  r = Minimal();
  r["sections"][0]["blocks"][0]["kind"] = "pie";
  EXPECT_EQ(ErrorOf(r),
            "data.json: sections[0].blocks[0].kind: 「pie」というブロックはありません。line、bar、"
            "map、table のどれかを書いてください");

  r = Minimal();
  r["sections"][0]["blocks"][0]["series"][0]["values"] = {1};
  EXPECT_EQ(ErrorOf(r),
            "data.json: sections[0].blocks[0].series[0].values: 値が1個ありますが、x のラベルは"
            "2個です。同じ数にしてください");

  r = Minimal();
  r["sections"][0]["blocks"][0]["series"][0]["values"][1] = "123";
  EXPECT_EQ(ErrorOf(r),
            "data.json: sections[0].blocks[0].series[0].values[1]: 数か null (値なし) で書いて"
            "ください");

  r = Minimal();
  r["sections"][0]["blocks"][2]["rows"][1] = {"高崎市"};
  EXPECT_EQ(ErrorOf(r),
            "data.json: sections[0].blocks[2].rows[1]: セルが1個ありますが、列は2個です。"
            "同じ数にしてください");

  r = Minimal();
  r["sections"][0]["blocks"][2]["columns"][1]["format"] = "money";
  EXPECT_EQ(
      ErrorOf(r),
      "data.json: sections[0].blocks[2].columns[1].format: 「money」は使えません。yen、percent、"
      "number、text のどれかを書いてください");

  r = Minimal();
  r["sections"][0]["blocks"][1]["id"] = "l1";
  EXPECT_EQ(ErrorOf(r),
            "data.json: sections[0].blocks[1].id: 「l1」が2回使われています。id はレポートの中で"
            "1つずつにしてください");

  r = WithMap();
  r.erase("prefecture_code");
  EXPECT_EQ(ErrorOf(r),
            "data.json: sections[0].blocks[3].kind: 地図にはレポートの prefecture_code "
            "(都道府県コード、例: \"10\") が必要です");

  r = WithMap();
  r["sections"][0]["blocks"][3]["metrics"][0]["values"]["102017"] = 1;
  EXPECT_EQ(
      ErrorOf(r),
      "data.json: sections[0].blocks[3].metrics[0].values[\"102017\"]: 「102017」は検査数字 "
      "(6桁目) が合いません。102016 ではありませんか。団体コードは検査数字付きの6桁 (または検査"
      "数字を除いた5桁) で書いてください (例: 前橋市 102016)");

  r = WithMap();
  r["sections"][0]["blocks"][3]["metrics"][0]["values"]["131016"] = 1;  // 千代田区 (東京都)
  EXPECT_EQ(ErrorOf(r),
            "data.json: sections[0].blocks[3].metrics[0].values[\"131016\"]: 都道府県コード 10 "
            "(prefecture_code) の市町村ではありません");

  r = WithMap();
  r["sections"][0]["blocks"][3]["metrics"] = json::array();
  EXPECT_EQ(ErrorOf(r),
            "data.json: sections[0].blocks[3].metrics: 指標の配列 ([{\"label\": …, \"values\": "
            "{…}}, …]) を1つ以上書いてください");
}

TEST(HtmlReport, AcceptsTheNoticePalettesScalesAndAppendixAndNamesAWrongOne) {
  json r = WithMap();
  r["notice"] = "架空の数値を含むサンプルです";
  r["sections"][0]["role"] = "appendix";
  r["sections"][0]["blocks"][1]["palette"] = "diverging";
  r["sections"][0]["blocks"][3]["metrics"][0]["scale"] = "diverging";
  EXPECT_EQ(ErrorOf(r), "(no error)");

  json bad = r;
  bad["notice"] = 1;
  EXPECT_EQ(ErrorOf(bad), "data.json: notice: 文字列で書いてください");
  bad = r;
  bad["sections"][0]["role"] = "annex";
  EXPECT_EQ(ErrorOf(bad),
            "data.json: sections[0].role: 「annex」は使えません。\"appendix\" と書くか、role を"
            "省いてください");
  bad = r;
  bad["sections"][0]["blocks"][1]["palette"] = "rainbow";
  EXPECT_EQ(ErrorOf(bad),
            "data.json: sections[0].blocks[1].palette: 「rainbow」は使えません。categorical、"
            "diverging、sequential のどれかを書いてください");
  bad = r;
  bad["sections"][0]["blocks"][3]["metrics"][0]["scale"] = "log";
  EXPECT_EQ(ErrorOf(bad),
            "data.json: sections[0].blocks[3].metrics[0].scale: 「log」は使えません。sequential か "
            "diverging で書いてください");
}

TEST(HtmlReport, RenderThrowsTheSameErrorsAsValidate) {
  json r = Minimal();
  r["sections"][0]["blocks"][0]["kind"] = "pie";
  EXPECT_THROW(RenderHtmlReport(r), InputError);
}

TEST(HtmlReport, PrefectureTopologyKeepsOnlyThatPrefecturesArcs) {
  const std::string_view all = EmbeddedWebAsset("geo/municipalities-2021.topojson");
  ASSERT_FALSE(all.empty());
  const json topo = PrefectureTopology(all, "10");
  const size_t arcs = topo["arcs"].size();
  EXPECT_GT(arcs, 0u);
  EXPECT_LT(arcs, json::parse(all)["arcs"].size() / 10);
  // Every arc index (~i for a reversed arc) points into the new arcs.
  std::function<void(const json&)> visit = [&](const json& a) {
    if (a.is_number_integer()) {
      long k = a.get<long>();
      long i = k < 0 ? ~k : k;
      EXPECT_LT(static_cast<size_t>(i), arcs);
    } else {
      for (const auto& x : a) visit(x);
    }
  };
  for (const auto& g : topo["objects"]["N03-21_210101"]["geometries"]) visit(g["arcs"]);
  EXPECT_THROW(PrefectureTopology(all, "99"), InputError);
}

TEST(ReportHtmlCommand, WritesTheFileOrNothing) {
  if (!HaveScript()) GTEST_SKIP() << "built with KOKUHO_WEB=OFF";
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "kokuho-report-html-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string fixture =
      std::string(KOKUHO_SOURCE_DIR) + "/tests/e2e/fixtures/report-sample.json";
  const std::string out = (dir / "report.html").string();
  auto run = testing::RunKokuho({"report-html", fixture, "--out", out}, dir.string());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(fs::exists(out));

  const std::string bad = (dir / "bad.json").string();
  std::ofstream(bad) << "{\n  \"schema\": \"kokuho.report/1\",\n  \"title\": 1 2\n}\n";
  const std::string out2 = (dir / "bad.html").string();
  run = testing::RunKokuho({"report-html", bad, "--out", out2}, dir.string());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find(bad + ":3:14: JSON として読めません"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(out2));

  std::ofstream(bad)
      << R"({"schema": "kokuho.report/1", "title": "x", "sections": [{"title": "s", "blocks": [{"kind": "pie"}]}]})";
  run = testing::RunKokuho({"report-html", bad, "--out", out2}, dir.string());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("sections[0].blocks[0].kind: 「pie」というブロックはありません"),
            std::string::npos)
      << run.err;
  EXPECT_FALSE(fs::exists(out2));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace kokuho
