#include "readers/claims/claims_output.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "claims/linkage.h"
#include "core/error.h"
#include "core/text.h"
#include "io/atomic_file_writer.h"
#include "io/xlsx_writer.h"

namespace kokuho {
namespace {

using claims::ClaimBatch;
using json = nlohmann::ordered_json;

// A CSV file written row by row: UTF-8 BOM, CRLF, fields quoted when they need it.
class CsvStream {
 public:
  CsvStream(const std::string& path, const std::vector<std::string>& header) : out_(path) {
    out_.Write("\xEF\xBB\xBF", 3);
    Row(header);
  }
  template <typename Strings>
  void Row(const Strings& fields) {
    line_.clear();
    bool first = true;
    for (const auto& f : fields) {
      if (!first) line_.push_back(',');
      first = false;
      const std::string_view v(f);
      if (v.find_first_of(",\"\r\n") != std::string_view::npos) {
        line_.push_back('"');
        for (char c : v) {
          if (c == '"') line_.push_back('"');
          line_.push_back(c);
        }
        line_.push_back('"');
      } else {
        line_.append(v);
      }
    }
    line_.append("\r\n");
    out_.Write(line_.data(), line_.size());
  }
  void Commit() { out_.Commit(); }

 private:
  AtomicFileWriter out_;
  std::string line_;
};

std::string Num(std::int64_t v) { return v < 0 ? std::string() : fmt::format("{}", v); }
std::string Quantity(std::int64_t q) {
  if (q < 0) return "";
  std::string s = fmt::format("{}", q / 100000);
  if (q % 100000 == 0) return s;
  std::string f = fmt::format("{:05}", q % 100000);
  while (f.back() == '0') f.pop_back();
  return s + "." + f;
}

const std::vector<std::string> kReceiptHeader = {"ファイル",       "レセプト番号",
                                                 "RE行",           "レセプト種別",
                                                 "診療年月",       "男女区分",
                                                 "生年月日",       "入院年月日",
                                                 "保険者番号",     "記号",
                                                 "番号",           "枝番",
                                                 "実日数",         "合計点数",
                                                 "公費の数",       "公費1負担者番号",
                                                 "公費1合計点数",  "公費2負担者番号",
                                                 "公費2合計点数",  "公費3負担者番号",
                                                 "公費3合計点数",  "公費4負担者番号",
                                                 "公費4合計点数",  "主保険点数",
                                                 "総件数への件数", "摘要行数",
                                                 "傷病名数",       "摘要の点数計"};
const std::vector<std::string> kItemHeader = {
    "ファイル", "レセプト番号", "行",   "レコード", "診療識別", "負担区分", "コード",
    "名称",     "数量",         "点数", "回数",     "算定単位", "算定日"};
const std::vector<std::string> kDiagnosisHeader = {
    "ファイル", "レセプト番号", "行",         "レコード", "傷病名コード",
    "名称",     "修飾語コード", "診療開始日", "転帰区分", "主傷病"};
const std::vector<std::string> kQuarantineHeader = {"ファイル", "レセプト番号", "最初の行",
                                                    "行数",     "エラーの数",   "最初のエラー"};
const std::vector<std::string> kDiagnosticHeader = {"ファイル", "行",           "列",
                                                    "種類",     "レセプト番号", "内容"};
const std::vector<std::string> kUnresolvedHeader = {
    "マスター", "コード", "診療年月", "使用回数", "最初のファイル", "行", "状態"};

}  // namespace

struct ClaimsOutput::Impl {
  OutputStage* stage = nullptr;
  ClaimsOutputFormats formats;
  const claims::MasterSet* masters = nullptr;
  std::ostream* json_stream = nullptr;
  std::unique_ptr<CsvStream> receipts, items, diagnoses;
  std::unique_ptr<AtomicFileWriter> json_file;
  bool json_first = true;
  std::vector<XlsxSheet> sheets;  // receipts, items, diagnoses (xlsx)
  std::vector<claims::Quarantined> quarantine;
  std::vector<std::string> quarantine_files;

  void JsonWrite(std::string_view s) {
    if (json_file) json_file->Write(s.data(), s.size());
    if (json_stream) *json_stream << s;
  }

  std::string NameOf(std::uint32_t code, std::int32_t month) const {
    if (masters == nullptr || code == 0) return "";
    const auto kind = claims::KindOfCode(code);
    if (!kind) return "";
    const claims::MasterEntry* e = masters->Find(*kind, fmt::format("{:09}", code), month);
    return e ? e->name : "";
  }
  std::string DiseaseName(const ClaimBatch& b, const claims::Diagnosis& d,
                          std::int32_t month) const {
    const claims::Record& r = b.records[d.record];
    if (d.code == 999 && r.type == claims::RecordCodeOf("SY")) return std::string(b.Field(r, 5));
    if (masters == nullptr) return "";
    const claims::MasterEntry* e =
        masters->Find(claims::MasterKind::kDisease, fmt::format("{:07}", d.code), month);
    return e ? e->name : "";
  }
};

ClaimsOutput::ClaimsOutput(OutputStage* stage, ClaimsOutputFormats formats,
                           const claims::MasterSet* masters, std::ostream* json_stream)
    : impl_(std::make_unique<Impl>()) {
  Impl& o = *impl_;
  o.stage = stage;
  o.formats = formats;
  o.masters = masters;
  o.json_stream = json_stream;
  if (stage && formats.csv) {
    o.receipts = std::make_unique<CsvStream>(stage->PathFor("receipts.csv"), kReceiptHeader);
    o.items = std::make_unique<CsvStream>(stage->PathFor("items.csv"), kItemHeader);
    o.diagnoses = std::make_unique<CsvStream>(stage->PathFor("diagnoses.csv"), kDiagnosisHeader);
  }
  if (stage && formats.json)
    o.json_file = std::make_unique<AtomicFileWriter>(stage->PathFor("claims.json"));
  if (formats.json) o.JsonWrite("{\"receipts\":[");
  if (formats.xlsx) {
    o.sheets.resize(3);
    o.sheets[0].name = "レセプト";
    o.sheets[0].header = kReceiptHeader;
    o.sheets[1].name = "摘要";
    o.sheets[1].header = kItemHeader;
    o.sheets[2].name = "傷病名";
    o.sheets[2].header = kDiagnosisHeader;
  }
}

ClaimsOutput::~ClaimsOutput() = default;

void ClaimsOutput::AddBlock(const ClaimBatch& b, const std::vector<std::string>& file_names) {
  Impl& o = *impl_;
  for (const claims::Quarantined& q : b.quarantine) o.quarantine.push_back(q);
  const bool rows = o.receipts || !o.sheets.empty();
  for (const claims::Receipt& rc : b.receipts) {
    const std::string file = rc.file < file_names.size() ? file_names[rc.file] : "";
    const auto records = b.RecordsOf(rc);
    const std::string re_line = records.empty() ? "" : fmt::format("{}", records.front().line);
    std::string insurer, symbol, number, branch, days;
    std::string kohi_numbers[4];
    int kohi = 0;
    for (const claims::Record& r : records) {
      if (r.type == claims::RecordCodeOf("HO")) {
        insurer = std::string(Trim(b.Field(r, 1)));
        symbol = std::string(b.Field(r, 2));
        number = std::string(b.Field(r, 3));
        days = std::string(b.Field(r, 4));
      } else if (r.type == claims::RecordCodeOf("SN") && branch.empty()) {
        branch = std::string(b.Field(r, 6));
      } else if (r.type == claims::RecordCodeOf("KO") && kohi < 4) {
        kohi_numbers[kohi++] = std::string(b.Field(r, 1));
      }
    }
    std::int64_t billed = 0;
    for (const claims::Item& it : b.ItemsOf(rc)) billed += it.BilledPoints();
    std::vector<std::string> row = {file,
                                    fmt::format("{}", rc.number),
                                    re_line,
                                    fmt::format("{}", rc.type),
                                    fmt::format("{}", rc.month),
                                    fmt::format("{}", rc.sex),
                                    Num(rc.birth_date),
                                    rc.admission_date ? fmt::format("{}", rc.admission_date) : "",
                                    insurer,
                                    symbol,
                                    number,
                                    branch,
                                    days,
                                    Num(rc.insurance_points),
                                    fmt::format("{}", rc.kohi_count)};
    for (int k = 0; k < 4; ++k) {
      row.push_back(kohi_numbers[k]);
      row.push_back(k < rc.kohi_count ? Num(rc.kohi_points[k]) : "");
    }
    row.push_back(Num(rc.primary_points));
    row.push_back(fmt::format("{}", rc.claim_count));
    row.push_back(fmt::format("{}", rc.item_count));
    row.push_back(fmt::format("{}", rc.diagnosis_count));
    row.push_back(fmt::format("{}", billed));
    if (o.receipts) o.receipts->Row(row);
    if (!o.sheets.empty()) {
      std::vector<XlsxCell> cells;
      for (const std::string& s : row) cells.push_back(XlsxCell::Text(s));
      o.sheets[0].rows.push_back(std::move(cells));
    }

    json jr;
    if (o.formats.json) {
      jr["file"] = file;
      jr["number"] = rc.number;
      jr["line"] = records.empty() ? 0 : records.front().line;
      jr["type"] = rc.type;
      jr["month"] = rc.month;
      jr["sex"] = rc.sex;
      jr["birth_date"] = rc.birth_date;
      jr["admission_date"] = rc.admission_date;
      jr["insurer"] = insurer;
      jr["person_key"] = claims::PersonKey(b, rc);
      jr["insurance_points"] = rc.insurance_points;
      jr["kohi_points"] = json::array();
      for (int k = 0; k < rc.kohi_count; ++k) jr["kohi_points"].push_back(rc.kohi_points[k]);
      jr["primary_points"] = rc.primary_points;
      jr["claim_count"] = rc.claim_count;
      jr["items"] = json::array();
      jr["diagnoses"] = json::array();
    }
    for (const claims::Item& it : b.ItemsOf(rc)) {
      const claims::Record& r = b.records[it.record];
      char type[3];
      std::string days_text;
      for (const claims::DayCount& d : b.DaysOf(it))
        days_text += fmt::format("{}{}:{}", days_text.empty() ? "" : ";", d.day, d.count);
      const std::string code = it.code ? fmt::format("{:09}", it.code) : "";
      const std::string name = o.NameOf(it.code, rc.month);
      if (rows) {
        std::vector<std::string> irow = {file,
                                         fmt::format("{}", rc.number),
                                         fmt::format("{}", r.line),
                                         std::string(claims::RecordCodeText(r.type, type)),
                                         it.category ? fmt::format("{:02}", it.category) : "",
                                         it.burden ? std::string(1, it.burden) : "",
                                         code,
                                         name,
                                         Quantity(it.quantity),
                                         Num(it.points),
                                         Num(it.count),
                                         fmt::format("{}", it.unit),
                                         days_text};
        if (o.items) o.items->Row(irow);
        if (!o.sheets.empty()) {
          std::vector<XlsxCell> cells;
          for (const std::string& s : irow) cells.push_back(XlsxCell::Text(s));
          o.sheets[1].rows.push_back(std::move(cells));
        }
      }
      if (o.formats.json) {
        json ji;
        ji["line"] = r.line;
        ji["record"] = std::string(claims::RecordCodeText(r.type, type));
        ji["category"] = it.category;
        ji["burden"] = it.burden ? std::string(1, it.burden) : "";
        ji["code"] = code;
        if (o.masters) ji["name"] = name;
        ji["quantity"] = Quantity(it.quantity);
        ji["points"] = it.points;
        ji["count"] = it.count;
        ji["unit"] = it.unit;
        json jd = json::array();
        for (const claims::DayCount& d : b.DaysOf(it)) jd.push_back({d.day, d.count});
        ji["days"] = std::move(jd);
        jr["items"].push_back(std::move(ji));
      }
    }
    for (const claims::Diagnosis& d : b.DiagnosesOf(rc)) {
      const claims::Record& r = b.records[d.record];
      char type[3];
      const std::string name = o.DiseaseName(b, d, rc.month);
      const std::string mods =
          r.type == claims::RecordCodeOf("SY") ? std::string(b.Field(r, 4)) : "";
      if (rows) {
        std::vector<std::string> drow = {file,
                                         fmt::format("{}", rc.number),
                                         fmt::format("{}", r.line),
                                         std::string(claims::RecordCodeText(r.type, type)),
                                         fmt::format("{:07}", d.code),
                                         name,
                                         mods,
                                         Num(d.start_date),
                                         d.outcome ? fmt::format("{}", d.outcome) : "",
                                         d.main ? "01" : ""};
        if (o.diagnoses) o.diagnoses->Row(drow);
        if (!o.sheets.empty()) {
          std::vector<XlsxCell> cells;
          for (const std::string& s : drow) cells.push_back(XlsxCell::Text(s));
          o.sheets[2].rows.push_back(std::move(cells));
        }
      }
      if (o.formats.json) {
        json jd;
        jd["line"] = r.line;
        jd["code"] = fmt::format("{:07}", d.code);
        jd["name"] = name;
        jd["modifiers"] = mods;
        jd["start_date"] = d.start_date;
        jd["outcome"] = d.outcome;
        jd["main"] = d.main == 1;
        jr["diagnoses"].push_back(std::move(jd));
      }
    }
    if (o.formats.json) {
      if (!o.json_first) o.JsonWrite(",");
      o.json_first = false;
      o.JsonWrite("\n");
      o.JsonWrite(jr.dump());
    }
    for (const XlsxSheet& s : o.sheets)
      if (s.rows.size() > kMaxXlsxRows)
        throw InputError(
            {file, 0, 0},
            fmt::format("xlsx のシート「{}」が {} 行を超えます: 大きなファイルは --format csv "
                        "を使ってください",
                        s.name, kMaxXlsxRows));
  }
}

void ClaimsOutput::Finish(const ClaimsRun& run,
                          const std::vector<claims::UnresolvedCode>& unresolved) {
  Impl& o = *impl_;
  std::vector<std::vector<std::string>> q_rows, d_rows, u_rows;
  for (const claims::Quarantined& q : o.quarantine) {
    const std::string file = q.file < run.files.size() ? run.files[q.file].name : "";
    q_rows.push_back({file, q.receipt >= 0 ? fmt::format("{}", q.receipt) : "",
                      fmt::format("{}", q.first_line), fmt::format("{}", q.line_count),
                      fmt::format("{}", q.reason_count),
                      q.reasons.empty() ? "" : q.reasons.front().ToString()});
  }
  for (const claims::Diagnostic& d : run.diagnostics)
    d_rows.push_back({d.file, d.line ? fmt::format("{}", d.line) : "",
                      d.column ? fmt::format("{}", d.column) : "",
                      d.severity == claims::Severity::kError ? "エラー" : "警告",
                      d.receipt >= 0 ? fmt::format("{}", d.receipt) : "", d.message});
  for (const claims::UnresolvedCode& u : unresolved)
    u_rows.push_back(
        {std::string(claims::MasterKindName(u.kind)), u.code, fmt::format("{}", u.month),
         fmt::format("{}", u.uses), u.file, fmt::format("{}", u.line),
         u.other_version ? "マスターにあるが、この診療年月に有効な版がない" : "マスターにない"});
  if (o.receipts) {
    o.receipts->Commit();
    o.items->Commit();
    o.diagnoses->Commit();
    CsvStream q(o.stage->PathFor("quarantine.csv"), kQuarantineHeader);
    for (const auto& r : q_rows) q.Row(r);
    q.Commit();
    CsvStream d(o.stage->PathFor("diagnostics.csv"), kDiagnosticHeader);
    for (const auto& r : d_rows) d.Row(r);
    d.Commit();
    if (o.masters) {
      CsvStream u(o.stage->PathFor("unresolved_codes.csv"), kUnresolvedHeader);
      for (const auto& r : u_rows) u.Row(r);
      u.Commit();
    }
  }
  if (!o.sheets.empty()) {
    auto sheet = [](std::string name, const std::vector<std::string>& header,
                    const std::vector<std::vector<std::string>>& rows) {
      XlsxSheet s;
      s.name = std::move(name);
      s.header = header;
      for (const auto& r : rows) {
        std::vector<XlsxCell> cells;
        for (const std::string& c : r) cells.push_back(XlsxCell::Text(c));
        s.rows.push_back(std::move(cells));
      }
      return s;
    };
    o.sheets.push_back(sheet("保留", kQuarantineHeader, q_rows));
    o.sheets.push_back(sheet("エラー・警告", kDiagnosticHeader, d_rows));
    if (o.masters) o.sheets.push_back(sheet("未解決コード", kUnresolvedHeader, u_rows));
    WriteXlsx(o.stage->PathFor("claims.xlsx"), o.sheets);
  }
  if (o.formats.json) {
    json tail;
    json files = json::array();
    for (const claims::FileSummary& f : run.files) {
      json j;
      j["name"] = f.name;
      j["table"] = std::string(claims::TableName(f.table));
      j["institution"] = f.institution;
      j["billing_month"] = f.billing_month;
      j["volume"] = f.volume;
      j["go_count"] = f.go_count;
      j["go_points"] = f.go_points;
      j["counted"] = f.counted;
      j["points"] = f.points;
      j["receipts_read"] = f.receipts_read;
      j["receipts_accepted"] = f.receipts_accepted;
      j["receipts_quarantined"] = f.receipts_quarantined;
      files.push_back(std::move(j));
    }
    json quarantine = json::array();
    for (const auto& r : q_rows)
      quarantine.push_back({{"file", r[0]},
                            {"receipt", r[1]},
                            {"first_line", r[2]},
                            {"lines", r[3]},
                            {"errors", r[4]},
                            {"first_error", r[5]}});
    json diagnostics = json::array();
    for (const claims::Diagnostic& d : run.diagnostics)
      diagnostics.push_back(
          {{"severity", d.severity == claims::Severity::kError ? "error" : "warning"},
           {"file", d.file},
           {"line", d.line},
           {"column", d.column},
           {"receipt", d.receipt},
           {"message", d.message}});
    json codes = json::array();
    for (const claims::UnresolvedCode& u : unresolved)
      codes.push_back({{"master", std::string(claims::MasterKindName(u.kind))},
                       {"code", u.code},
                       {"month", u.month},
                       {"uses", u.uses},
                       {"file", u.file},
                       {"line", u.line},
                       {"other_version", u.other_version}});
    o.JsonWrite("\n],\n\"files\":" + files.dump() + ",\n\"quarantine\":" + quarantine.dump() +
                ",\n\"diagnostics\":" + diagnostics.dump() +
                ",\n\"unresolved_codes\":" + codes.dump() + ",\n\"summary\":" +
                json({{"receipts_read", run.receipts_read},
                      {"receipts_accepted", run.receipts_accepted},
                      {"receipts_quarantined", run.receipts_quarantined},
                      {"errors", run.errors},
                      {"warnings", run.warnings}})
                    .dump() +
                "}\n");
    if (o.json_file) o.json_file->Commit();
  }
}

}  // namespace kokuho
