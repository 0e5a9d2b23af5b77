// レセ電 claims (src/claims, src/io/claims) for Python: files read and checked by the
// streaming reader (readers/claims/uke_reader.h, as `kokuho claims read`), or a columnar store
// file (.kclm, as `kokuho claims ingest` writes), to columns: receipts, 摘要 items,
// 傷病名, the files with their GO totals, the diagnostics and the quarantined receipts.
// The typed columns go to numpy without a Python object per row (the person key, a
// string, excepted).
#include <fmt/format.h>

#include "claims/linkage.h"
#include "claims/model.h"
#include "core/error.h"
#include "core/text.h"
#include "python/bindings.h"
#include "python/convert.h"
#include "readers/claims/claims_store.h"
#include "readers/claims/uke_reader.h"

namespace kokuho::python {
namespace {

/// Every block's rows appended as columns.
struct ClaimColumns {
  // receipts
  std::vector<std::uint32_t> file, number, line;
  std::vector<std::uint16_t> type;
  std::vector<std::int32_t> month, birth_date, admission_date, insurance_days;
  std::vector<std::uint8_t> sex, kohi_count, claim_count;
  std::vector<std::int64_t> insurance_points, primary_points, billed_points;
  std::array<std::vector<std::int64_t>, 4> kohi_points;
  std::vector<std::uint32_t> item_count, diagnosis_count;
  py::list person_key;
  // items
  std::vector<std::uint32_t> i_receipt, i_line, i_code, i_unit;
  std::vector<std::uint8_t> i_category;
  py::list i_record, i_burden;
  std::vector<std::int64_t> i_quantity, i_billed;
  std::vector<std::int32_t> i_points, i_count;
  std::vector<std::uint16_t> i_days;
  // diagnoses
  std::vector<std::uint32_t> d_receipt, d_line, d_code;
  std::vector<std::int32_t> d_start;
  std::vector<std::uint8_t> d_outcome, d_main;
  py::list d_record;
  std::uint32_t receipts = 0;

  void Add(const claims::ClaimBatch& b) {
    char buffer[3];
    for (const claims::Receipt& rc : b.receipts) {
      const auto records = b.RecordsOf(rc);
      file.push_back(rc.file);
      number.push_back(rc.number);
      line.push_back(records.empty() ? 0 : records.front().line);
      type.push_back(rc.type);
      month.push_back(rc.month);
      birth_date.push_back(rc.birth_date);
      admission_date.push_back(rc.admission_date);
      sex.push_back(rc.sex);
      person_key.append(claims::PersonKey(b, rc));
      insurance_points.push_back(rc.insurance_points);
      insurance_days.push_back(rc.insurance_days);
      kohi_count.push_back(rc.kohi_count);
      for (int k = 0; k < 4; ++k) kohi_points[k].push_back(rc.kohi_points[k]);
      primary_points.push_back(rc.primary_points);
      claim_count.push_back(rc.claim_count);
      item_count.push_back(rc.item_count);
      diagnosis_count.push_back(rc.diagnosis_count);
      std::int64_t billed = 0;
      for (const claims::Item& it : b.ItemsOf(rc)) {
        billed += it.BilledPoints();
        i_receipt.push_back(receipts);
        i_line.push_back(b.records[it.record].line);
        i_record.append(std::string(claims::RecordCodeText(b.records[it.record].type, buffer)));
        i_category.push_back(it.category);
        i_burden.append(it.burden ? std::string(1, it.burden) : std::string());
        i_code.push_back(it.code);
        i_quantity.push_back(it.quantity);
        i_points.push_back(it.points);
        i_count.push_back(it.count);
        i_unit.push_back(it.unit);
        i_days.push_back(it.day_count);
        i_billed.push_back(it.BilledPoints());
      }
      billed_points.push_back(billed);
      for (const claims::Diagnosis& d : b.DiagnosesOf(rc)) {
        d_receipt.push_back(receipts);
        d_line.push_back(b.records[d.record].line);
        d_record.append(std::string(claims::RecordCodeText(b.records[d.record].type, buffer)));
        d_code.push_back(d.code);
        d_start.push_back(d.start_date);
        d_outcome.push_back(d.outcome);
        d_main.push_back(d.main);
      }
      ++receipts;
    }
  }

  py::dict Receipts() {
    py::dict d;
    d["file"] = ToArray(std::move(file));
    d["number"] = ToArray(std::move(number));
    d["line"] = ToArray(std::move(line));
    d["type"] = ToArray(std::move(type));
    d["month"] = ToArray(std::move(month));
    d["sex"] = ToArray(std::move(sex));
    d["birth_date"] = ToArray(std::move(birth_date));
    d["admission_date"] = ToArray(std::move(admission_date));
    d["person_key"] = person_key;
    d["insurance_points"] = ToArray(std::move(insurance_points));
    d["insurance_days"] = ToArray(std::move(insurance_days));
    d["kohi_count"] = ToArray(std::move(kohi_count));
    for (int k = 0; k < 4; ++k)
      d[py::str(fmt::format("kohi_points_{}", k + 1))] = ToArray(std::move(kohi_points[k]));
    d["primary_points"] = ToArray(std::move(primary_points));
    d["claim_count"] = ToArray(std::move(claim_count));
    d["item_count"] = ToArray(std::move(item_count));
    d["diagnosis_count"] = ToArray(std::move(diagnosis_count));
    d["billed_points"] = ToArray(std::move(billed_points));
    return d;
  }
  py::dict Items() {
    py::dict d;
    d["receipt"] = ToArray(std::move(i_receipt));
    d["line"] = ToArray(std::move(i_line));
    d["record"] = i_record;
    d["category"] = ToArray(std::move(i_category));
    d["burden"] = i_burden;
    d["code"] = ToArray(std::move(i_code));
    d["quantity"] = ToArray(std::move(i_quantity));
    d["points"] = ToArray(std::move(i_points));
    d["count"] = ToArray(std::move(i_count));
    d["unit"] = ToArray(std::move(i_unit));
    d["day_count"] = ToArray(std::move(i_days));
    d["billed_points"] = ToArray(std::move(i_billed));
    return d;
  }
  py::dict Diagnoses() {
    py::dict d;
    d["receipt"] = ToArray(std::move(d_receipt));
    d["line"] = ToArray(std::move(d_line));
    d["record"] = d_record;
    d["code"] = ToArray(std::move(d_code));
    d["start_date"] = ToArray(std::move(d_start));
    d["outcome"] = ToArray(std::move(d_outcome));
    d["main"] = ToArray(std::move(d_main));
    return d;
  }
};

py::dict Files(const std::vector<claims::FileSummary>& files) {
  Columns c{"name",   "table",         "institution",       "billing_month",
            "volume", "go_count",      "go_points",         "counted",
            "points", "receipts_read", "receipts_accepted", "receipts_quarantined",
            "errors", "warnings"};
  for (const claims::FileSummary& f : files) {
    c["name"].append(f.name);
    c["table"].append(std::string(claims::TableName(f.table)));
    c["institution"].append(f.institution);
    c["billing_month"].append(f.billing_month);
    c["volume"].append(f.volume);
    c["go_count"].append(f.go_count);
    c["go_points"].append(f.go_points);
    c["counted"].append(f.counted);
    c["points"].append(f.points);
    c["receipts_read"].append(f.receipts_read);
    c["receipts_accepted"].append(f.receipts_accepted);
    c["receipts_quarantined"].append(f.receipts_quarantined);
    c["errors"].append(f.errors);
    c["warnings"].append(f.warnings);
  }
  return c.ToDict();
}

py::dict Diagnostics(const std::vector<claims::Diagnostic>& list) {
  Columns c{"severity", "file", "line", "column", "receipt", "message", "text"};
  for (const claims::Diagnostic& d : list) {
    c["severity"].append(d.severity == claims::Severity::kError ? "error" : "warning");
    c["file"].append(d.file);
    c["line"].append(d.line);
    c["column"].append(d.column);
    c["receipt"].append(d.receipt);
    c["message"].append(d.message);
    c["text"].append(d.ToString());
  }
  return c.ToDict();
}

claims::Encoding ParseEncoding(const std::string& e) {
  if (e == "auto") return claims::Encoding::kAuto;
  if (e == "cp932" || e == "sjis" || e == "shift_jis") return claims::Encoding::kCp932;
  if (e == "utf8" || e == "utf-8") return claims::Encoding::kUtf8;
  throw InputError({"encoding", 0, 0},
                   Quoted(e) + "は使えません。auto、cp932、utf8 のどれかを指定してください");
}

py::dict ClaimsRead(const std::vector<std::string>& paths, const std::string& encoding,
                    const std::string& salt) {
  ReadOptions options;
  options.encoding = ParseEncoding(encoding);
  options.salt = salt;
  ClaimColumns cols;
  Columns quarantine{"file", "receipt", "first_line", "lines", "errors", "first_error"};
  ClaimsRun run = ReadUkeFiles(paths, options, [&](const claims::ClaimBatch& b) {
    cols.Add(b);
    for (const claims::Quarantined& q : b.quarantine) {
      quarantine["file"].append(q.file);
      quarantine["receipt"].append(q.receipt);
      quarantine["first_line"].append(q.first_line);
      quarantine["lines"].append(q.line_count);
      quarantine["errors"].append(q.reason_count);
      quarantine["first_error"].append(q.reasons.empty() ? std::string()
                                                         : q.reasons.front().message);
    }
  });
  py::dict out;
  out["receipts"] = cols.Receipts();
  out["items"] = cols.Items();
  out["diagnoses"] = cols.Diagnoses();
  out["files"] = Files(run.files);
  out["diagnostics"] = Diagnostics(run.diagnostics);
  out["quarantine"] = quarantine.ToDict();
  py::dict summary;
  summary["receipts_read"] = run.receipts_read;
  summary["receipts_accepted"] = run.receipts_accepted;
  summary["receipts_quarantined"] = run.receipts_quarantined;
  summary["stray_lines"] = run.stray_lines;
  summary["errors"] = run.errors;
  summary["warnings"] = run.warnings;
  summary["lines"] = run.lines;
  summary["bytes"] = run.bytes;
  out["summary"] = summary;
  return out;
}

py::dict ClaimsStoreRead(const std::string& path) {
  ClaimsStore store = ClaimsStore::Open(path);
  ClaimColumns cols;
  Columns quarantine{"file", "receipt", "first_line", "lines", "errors", "first_error"};
  for (std::size_t b = 0; b < store.blocks(); ++b) {
    const claims::ClaimBatch batch = store.ReadBlock(b);
    cols.Add(batch);
    for (const claims::Quarantined& q : batch.quarantine) {
      quarantine["file"].append(q.file);
      quarantine["receipt"].append(q.receipt);
      quarantine["first_line"].append(q.first_line);
      quarantine["lines"].append(q.line_count);
      quarantine["errors"].append(q.reason_count);
      quarantine["first_error"].append(q.reasons.empty() ? std::string()
                                                         : q.reasons.front().message);
    }
  }
  const ClaimsStoreInfo& info = store.info();
  py::dict out;
  out["receipts"] = cols.Receipts();
  out["items"] = cols.Items();
  out["diagnoses"] = cols.Diagnoses();
  out["files"] = Files(info.files);
  out["diagnostics"] = Diagnostics(info.diagnostics);
  out["quarantine"] = quarantine.ToDict();
  py::dict summary;
  summary["receipts"] = info.receipts;
  summary["quarantined"] = info.quarantined;
  out["summary"] = summary;
  return out;
}

}  // namespace

void RegisterClaims(py::module_& m) {
  m.def("_claims_read", &ClaimsRead, py::arg("paths"), py::arg("encoding"), py::arg("salt"));
  m.def("_claims_store", &ClaimsStoreRead, py::arg("path"));
}

}  // namespace kokuho::python
