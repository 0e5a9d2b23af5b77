#include "report/html_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "core/error.h"
#include "core/municipality_code.h"
#include "core/text.h"
#include "report/web_assets.h"

namespace kokuho {
namespace {

constexpr std::string_view kGeoAsset = "geo/municipalities-2021.topojson";
constexpr std::string_view kGeoObject = "N03-21_210101";

constexpr char kString[] = "文字列で書いてください";
constexpr char kNumberOrNull[] = "数か null (値なし) で書いてください";

// Validation is written once for json and ordered_json.
template <class Json>
class Validator {
 public:
  explicit Validator(const std::string& source) : source_(source) {}

  void Report(const Json& r) {
    if (!r.is_object()) Fail("", "レポートのデータは JSON のオブジェクト ({…}) にしてください");
    if (!r.contains("schema"))
      Fail("schema", fmt::format("ありません。\"{}\" と書いてください", kReportSchema));
    if (!r["schema"].is_string() || r["schema"].template get<std::string>() != kReportSchema)
      Fail("schema", fmt::format("{}には対応していません。\"{}\" と書いてください",
                                 Given(r["schema"]), kReportSchema));
    RequiredString(r, "title", "");
    OptionalString(r, "subtitle", "");
    OptionalString(r, "generated_by", "");
    OptionalString(r, "notice", "");
    if (r.contains("layout") &&
        (!r["layout"].is_string() || r["layout"].template get<std::string>() != "compact"))
      Fail("layout",
           Given(r["layout"]) + "は使えません。\"compact\" と書くか、layout を省いてください");
    if (r.contains("prefecture_code")) {
      const Json& p = r["prefecture_code"];
      if (!p.is_string() || !IsDigits(p.template get<std::string>(), 2))
        Fail("prefecture_code", "2桁の都道府県コードを文字列で書いてください (例: \"10\")");
      prefecture_ = p.template get<std::string>();
    }
    if (r.contains("notes")) {
      const Json& n = r["notes"];
      if (!n.is_array()) Fail("notes", "文字列の配列 ([\"…\", …]) にしてください");
      for (size_t i = 0; i < n.size(); ++i)
        if (!n[i].is_string()) Fail(fmt::format("notes[{}]", i), kString);
    }
    if (!r.contains("sections") || !r["sections"].is_array())
      Fail("sections", "節の配列 ([{\"title\": …}, …]) にしてください");
    const Json& sections = r["sections"];
    for (size_t i = 0; i < sections.size(); ++i)
      Section(sections[i], fmt::format("sections[{}]", i));
  }

  bool has_map() const { return has_map_; }

 private:
  [[noreturn]] void Fail(const std::string& path, const std::string& message) const {
    throw InputError({source_, 0, 0},
                     path.empty() ? message : fmt::format("{}: {}", path, message));
  }

  /// The value as written, in 「」: a string as it is, anything else as JSON.
  static std::string Given(const Json& v) {
    return Quoted(v.is_string() ? v.template get<std::string>() : v.dump());
  }

  static std::string Join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }

  static bool IsDigits(const std::string& s, size_t n) {
    return s.size() == n &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  }

  void RequiredString(const Json& o, const char* key, const std::string& path) {
    if (!o.contains(key)) Fail(Join(path, key), "ありません。文字列で書いてください");
    if (!o[key].is_string()) Fail(Join(path, key), kString);
  }
  void OptionalString(const Json& o, const char* key, const std::string& path) {
    if (o.contains(key) && !o[key].is_string() && !o[key].is_null()) Fail(Join(path, key), kString);
  }
  void Id(const Json& o, const std::string& path) {
    if (!o.contains("id")) return;
    const Json& id = o["id"];
    if (!id.is_string()) Fail(Join(path, "id"), kString);
    const std::string s = id.template get<std::string>();
    if (s.empty() || s.find_first_of(" \t\r\n\f") != std::string::npos)
      Fail(Join(path, "id"),
           "空白を含まない1文字以上の文字列にしてください (HTML の id になります)");
    if (!ids_.insert(s).second)
      Fail(Join(path, "id"),
           fmt::format("{}が2回使われています。id はレポートの中で1つずつにしてください",
                       Quoted(s)));
  }

  void Section(const Json& s, const std::string& path) {
    if (!s.is_object()) Fail(path, "節はオブジェクト ({\"title\": …}) にしてください");
    Id(s, path);
    RequiredString(s, "title", path);
    OptionalString(s, "text", path);
    if (s.contains("role") && (!s["role"].is_string() || s["role"] != "appendix"))
      Fail(Join(path, "role"),
           Given(s["role"]) + "は使えません。\"appendix\" と書くか、role を省いてください");
    if (!s.contains("blocks")) return;
    const Json& blocks = s["blocks"];
    if (!blocks.is_array())
      Fail(Join(path, "blocks"), "ブロックの配列 ([{\"kind\": …}, …]) にしてください");
    for (size_t i = 0; i < blocks.size(); ++i)
      Block(blocks[i], fmt::format("{}.blocks[{}]", path, i));
  }

  void Block(const Json& b, const std::string& path) {
    if (!b.is_object()) Fail(path, "ブロックはオブジェクト ({\"kind\": …}) にしてください");
    if (!b.contains("kind") || !b["kind"].is_string())
      Fail(Join(path, "kind"), "ありません。line、bar、map、table のどれかを書いてください");
    Id(b, path);
    OptionalString(b, "title", path);
    const std::string kind = b["kind"].template get<std::string>();
    if (kind == "line" || kind == "bar") {
      Series(b, path, kind);
    } else if (kind == "map") {
      Map(b, path);
    } else if (kind == "table") {
      Table(b, path);
    } else {
      Fail(Join(path, "kind"),
           fmt::format(
               "{}というブロックはありません。line、bar、map、table のどれかを書いてください",
               Quoted(kind)));
    }
  }

  void Series(const Json& b, const std::string& path, const std::string& kind) {
    OptionalString(b, "unit", path);
    if (b.contains("stacked") && !b["stacked"].is_boolean())
      Fail(Join(path, "stacked"), "true か false で書いてください");
    if (kind == "line" && b.contains("stacked") && b["stacked"].template get<bool>())
      Fail(Join(path, "stacked"), "積み上げ (stacked: true) にできるのは棒グラフ (bar) だけです");
    static const std::set<std::string> palettes = {"categorical", "diverging", "sequential"};
    if (b.contains("palette") &&
        (!b["palette"].is_string() || !palettes.count(b["palette"].template get<std::string>())))
      Fail(Join(path, "palette"),
           Given(b["palette"]) +
               "は使えません。categorical、diverging、sequential のどれかを書いてください");
    if (!b.contains("x") || !b["x"].is_array())
      Fail(Join(path, "x"), "ラベルの配列 ([\"R8\", …]) にしてください");
    const Json& x = b["x"];
    for (size_t i = 0; i < x.size(); ++i)
      if (!x[i].is_string() && !x[i].is_number())
        Fail(fmt::format("{}.x[{}]", path, i), "ラベルは文字列 (か数) で書いてください");
    if (!b.contains("series") || !b["series"].is_array())
      Fail(Join(path, "series"), "系列の配列 ([{\"name\": …, \"values\": […]}, …]) にしてください");
    const Json& series = b["series"];
    std::set<std::string> names;
    for (size_t i = 0; i < series.size(); ++i) {
      const std::string sp = fmt::format("{}.series[{}]", path, i);
      const Json& s = series[i];
      if (!s.is_object()) Fail(sp, "系列は {\"name\": …, \"values\": […]} の形にしてください");
      RequiredString(s, "name", sp);
      if (!names.insert(s["name"].template get<std::string>()).second)
        Fail(Join(sp, "name"), "同じ名前の系列が2つあります。系列の名前は1つずつにしてください");
      if (!s.contains("values") || !s["values"].is_array())
        Fail(Join(sp, "values"), "数の配列にしてください (値のないところは null)");
      const Json& v = s["values"];
      if (v.size() != x.size())
        Fail(Join(sp, "values"),
             fmt::format("値が{}個ありますが、x のラベルは{}個です。同じ数にしてください", v.size(),
                         x.size()));
      for (size_t j = 0; j < v.size(); ++j)
        if (!v[j].is_number() && !v[j].is_null())
          Fail(fmt::format("{}.values[{}]", sp, j), kNumberOrNull);
    }
  }

  void Map(const Json& b, const std::string& path) {
    has_map_ = true;
    if (prefecture_.empty())
      Fail(Join(path, "kind"),
           "地図にはレポートの prefecture_code (都道府県コード、例: \"10\") が必要です");
    if (!b.contains("metrics") || !b["metrics"].is_array() || b["metrics"].empty())
      Fail(Join(path, "metrics"),
           "指標の配列 ([{\"label\": …, \"values\": {…}}, …]) を1つ以上書いてください");
    const Json& metrics = b["metrics"];
    for (size_t i = 0; i < metrics.size(); ++i) {
      const std::string mp = fmt::format("{}.metrics[{}]", path, i);
      const Json& m = metrics[i];
      if (!m.is_object()) Fail(mp, "指標は {\"label\": …, \"values\": {…}} の形にしてください");
      RequiredString(m, "label", mp);
      OptionalString(m, "unit", mp);
      if (m.contains("scale") &&
          (!m["scale"].is_string() || (m["scale"] != "sequential" && m["scale"] != "diverging")))
        Fail(Join(mp, "scale"),
             Given(m["scale"]) + "は使えません。sequential か diverging で書いてください");
      if (!m.contains("values") || !m["values"].is_object())
        Fail(Join(mp, "values"),
             "団体コード → 数 のオブジェクト ({\"102016\": 1.5, …}) にしてください");
      for (auto it = m["values"].begin(); it != m["values"].end(); ++it) {
        const std::string vp = fmt::format("{}.values[\"{}\"]", mp, it.key());
        const std::string& key = it.key();
        if (!IsDigits(key, 6) && !IsDigits(key, 5))
          Fail(vp, "キーは検査数字付きの6桁の団体コードにしてください (例: \"102016\")");
        if (!MunicipalityCode::TryParse(key)) Fail(vp, MunicipalityCodeProblem(key));
        if (key.compare(0, 2, prefecture_) != 0)
          Fail(vp, fmt::format("都道府県コード {} (prefecture_code) の市町村ではありません",
                               prefecture_));
        if (!it.value().is_number() && !it.value().is_null()) Fail(vp, kNumberOrNull);
      }
    }
  }

  void Table(const Json& b, const std::string& path) {
    OptionalString(b, "note", path);
    if (b.contains("beside") && !b["beside"].is_boolean())
      Fail(Join(path, "beside"), "expected true or false");
    if (!b.contains("columns") || !b["columns"].is_array() || b["columns"].empty())
      Fail(Join(path, "columns"), "列の配列 ([{\"label\": …}, …]) を1つ以上書いてください");
    const Json& columns = b["columns"];
    static const std::set<std::string> aligns = {"left", "right", "center"};
    static const std::set<std::string> formats = {"yen", "percent", "number", "text"};
    for (size_t i = 0; i < columns.size(); ++i) {
      const std::string cp = fmt::format("{}.columns[{}]", path, i);
      const Json& c = columns[i];
      if (!c.is_object()) Fail(cp, "列は {\"label\": …} の形にしてください");
      RequiredString(c, "label", cp);
      if (c.contains("align") &&
          (!c["align"].is_string() || !aligns.count(c["align"].template get<std::string>())))
        Fail(Join(cp, "align"),
             Given(c["align"]) + "は使えません。left、right、center のどれかを書いてください");
      if (c.contains("format") &&
          (!c["format"].is_string() || !formats.count(c["format"].template get<std::string>())))
        Fail(Join(cp, "format"),
             Given(c["format"]) +
                 "は使えません。yen、percent、number、text のどれかを書いてください");
    }
    if (!b.contains("rows") || !b["rows"].is_array())
      Fail(Join(path, "rows"), "行の配列 ([[…], …]) にしてください");
    const Json& rows = b["rows"];
    for (size_t i = 0; i < rows.size(); ++i) {
      const std::string rp = fmt::format("{}.rows[{}]", path, i);
      if (!rows[i].is_array()) Fail(rp, "行はセルの配列 ([…]) にしてください");
      if (rows[i].size() != columns.size())
        Fail(rp, fmt::format("セルが{}個ありますが、列は{}個です。同じ数にしてください",
                             rows[i].size(), columns.size()));
      for (size_t j = 0; j < rows[i].size(); ++j) {
        const Json& cell = rows[i][j];
        if (!cell.is_string() && !cell.is_number() && !cell.is_boolean() && !cell.is_null())
          Fail(fmt::format("{}[{}]", rp, j), "セルは文字列・数・null のどれかにしてください");
      }
    }
  }

  const std::string& source_;
  std::string prefecture_;
  std::set<std::string> ids_;
  bool has_map_ = false;
};

// Text inside <script type="application/json">: '<' only occurs inside JSON strings, where
// \u003c means the same character, so no "</script" or "<!--" can end or confuse the element.
std::string ScriptSafeJson(const std::string& json) {
  std::string out;
  out.reserve(json.size() + 64);
  for (char c : json) {
    if (c == '<')
      out += "\\u003c";
    else
      out += c;
  }
  return out;
}

bool StartsWithNoCase(std::string_view s, size_t pos, std::string_view word) {
  if (s.size() - pos < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = s[pos + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != word[i]) return false;
  }
  return true;
}

// The bundle inside a classic <script>: "</script" and "<!--" are written with '<' as the
// escape \x3C, which means '<' in JS strings, templates and regular expressions alike.
std::string ScriptSafeJs(std::string_view js) {
  std::string out;
  out.reserve(js.size() + 64);
  for (size_t i = 0; i < js.size(); ++i) {
    if (js[i] == '<' && (StartsWithNoCase(js, i, "</script") || StartsWithNoCase(js, i, "<!--")))
      out += "\\x3C";
    else
      out += js[i];
  }
  return out;
}

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void RenumberArcs(nlohmann::json& arcs, std::unordered_map<long, long>& renumber,
                  std::vector<long>& used) {
  if (arcs.is_number_integer()) {
    long k = arcs.get<long>();
    long i = k < 0 ? ~k : k;
    auto [it, inserted] = renumber.try_emplace(i, static_cast<long>(used.size()));
    if (inserted) used.push_back(i);
    arcs = k < 0 ? ~it->second : it->second;
  } else if (arcs.is_array()) {
    for (auto& a : arcs) RenumberArcs(a, renumber, used);
  }
}

template <class Json>
std::string Render(const Json& report, const std::string& source) {
  Validator<Json> validator(source);
  validator.Report(report);
  const std::string_view script = EmbeddedWebAsset("report.js");
  if (script.empty())
    throw std::runtime_error(
        "この kokuho は HTML レポートのスクリプトなしでビルドされています。"
        "bash scripts/build.sh --browser で Node.js/npm を入れ、-DKOKUHO_WEB=ON でビルドし直して"
        "ください");

  const std::string title = report["title"].template get<std::string>();
  std::string generator = "kokuho";
  if (report.contains("generated_by") && report["generated_by"].is_string())
    generator = report["generated_by"].template get<std::string>();

  std::string html;
  html.reserve(script.size() + 256 * 1024);
  html += "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  // Nothing may be fetched: scripts and styles are inline, images only data:/blob: URLs.
  html +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:\">\n";
  html += fmt::format("<meta name=\"generator\" content=\"{}\">\n", HtmlEscape(generator));
  html += fmt::format("<title>{}</title>\n", HtmlEscape(title));
  html +=
      "<style>body{margin:0;font-family:\"Noto Sans CJK JP\",\"Noto Sans JP\",\"Hiragino Sans\","
      "\"Yu Gothic\",Meiryo,sans-serif}</style>\n";
  html += "</head>\n<body>\n";
  html += fmt::format(
      "<noscript><h1>{}</h1><p>グラフと地図の表示には JavaScript "
      "を有効にしてください。</p></noscript>\n",
      HtmlEscape(title));
  html += "<main id=\"kokuho-report\"></main>\n";
  if (validator.has_map())  // also without JavaScript; the script repeats it under each map
    html += fmt::format("<footer class=\"kk-credits\"><p>地図 — {}</p></footer>\n", kMapCredit);
  html += "<script type=\"application/json\" id=\"kokuho-report-data\">";
  html += ScriptSafeJson(report.dump(-1, ' ', false, Json::error_handler_t::replace));
  html += "</script>\n";
  if (validator.has_map()) {
    const std::string_view geo = EmbeddedWebAsset(kGeoAsset);
    if (geo.empty())
      throw std::runtime_error(
          "この kokuho は地図データなしでビルドされています。-DKOKUHO_WEB=ON "
          "でビルドし直してください");
    const nlohmann::json topo =
        PrefectureTopology(geo, report["prefecture_code"].template get<std::string>());
    html += "<script type=\"application/json\" id=\"kokuho-geo-data\">";
    html += ScriptSafeJson(topo.dump());
    html += "</script>\n";
  }
  html += "<script>";
  html += ScriptSafeJs(script);
  html += "</script>\n</body>\n</html>\n";
  return html;
}

}  // namespace

void ValidateReport(const nlohmann::json& report, const std::string& source) {
  Validator<nlohmann::json>(source).Report(report);
}

std::string RenderHtmlReport(const nlohmann::json& report, const std::string& source) {
  return Render(report, source);
}

std::string RenderHtmlReport(const nlohmann::ordered_json& report, const std::string& source) {
  return Render(report, source);
}

nlohmann::json PrefectureTopology(std::string_view topojson, const std::string& prefecture_code) {
  const nlohmann::json topo = nlohmann::json::parse(topojson);
  const auto& objects = topo.at("objects");
  std::string name(kGeoObject);
  if (!objects.contains(name)) name = objects.begin().key();  // a renamed file: its first object
  const auto& geometries = objects.at(name).at("geometries");

  nlohmann::json kept = nlohmann::json::array();
  std::unordered_map<long, long> renumber;
  std::vector<long> used;
  for (const auto& g : geometries) {
    const auto props = g.value("properties", nlohmann::json::object());
    const auto code = props.value("N03_007", nlohmann::json());
    if (!code.is_string() || code.get<std::string>().compare(0, 2, prefecture_code) != 0) continue;
    nlohmann::json out = {{"type", g.at("type")}};
    nlohmann::json p = nlohmann::json::object();
    for (const char* key : {"N03_001", "N03_003", "N03_004", "N03_007"})
      if (props.contains(key)) p[key] = props[key];
    out["properties"] = std::move(p);
    if (g.contains("arcs")) {
      nlohmann::json arcs = g["arcs"];
      RenumberArcs(arcs, renumber, used);
      out["arcs"] = std::move(arcs);
    }
    if (g.contains("coordinates")) out["coordinates"] = g["coordinates"];
    kept.push_back(std::move(out));
  }
  if (kept.empty())
    throw InputError(
        {"prefecture_code", 0, 0},
        fmt::format("the map data has no municipality of prefecture \"{}\"", prefecture_code));
  nlohmann::json arcs = nlohmann::json::array();
  const auto& all_arcs = topo.at("arcs");
  for (long i : used) arcs.push_back(all_arcs.at(static_cast<size_t>(i)));
  nlohmann::json result = {{"type", "Topology"}, {"arcs", std::move(arcs)}};
  if (topo.contains("transform")) result["transform"] = topo["transform"];
  result["objects"][std::string(kGeoObject)] = {{"type", "GeometryCollection"},
                                                {"geometries", std::move(kept)}};
  return result;
}

}  // namespace kokuho
