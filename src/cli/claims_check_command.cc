// `kokuho claims check` and `kokuho claims lists` (docs/claims-checks.md): the 二次点検 and
// the insurer's lists over claims stores (.kclm), month by month in 請求 order.
//
//   kokuho claims check STORE… [--rules DIR] [--masters DIR] [--since YYYYMM] [--out DIR]
//   kokuho claims lists STORE… [--masters DIR] [--params FILE] [--year Y]
//                              [--notice-from YYYYMM] [--notice-to YYYYMM] [--out DIR]
//
// Nothing personal is printed: the terminal gets counts and the rule summaries; the files
// the insurer asked for (lists, letters, 医療費通知) carry names and numbers.
#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <optional>

#include "claims/check_engine.h"
#include "claims/guidance_lists.h"
#include "cli/commands.h"
#include "cli/output_formats.h"
#include "cli/year_option.h"
#include "core/error.h"
#include "io/claims/check_rules_loader.h"
#include "io/claims/master_loader.h"
#include "io/claims/store_months.h"
#include "io/output_files.h"
#include "report/claims_check_report.h"
#include "report/claims_list_report.h"

namespace kokuho::cli {
namespace {

struct CheckArgs {
  std::vector<std::string> stores;
  std::string rules_dir, masters_dir, params_file;
  std::string out_dir, formats;
  int since = 0;
  int notice_from = 0, notice_to = 0;
  YearOption year;
  bool carry_forward = false;
};

void CheckMonthOption(const char* name, int v) {
  if (v != 0 && (v < 190001 || v % 100 < 1 || v % 100 > 12))
    throw CLI::ValidationError(name, "年月を YYYYMM (例: 202407) で指定してください");
}

std::optional<claims::MasterSet> Masters(const std::string& dir) {
  if (dir.empty()) return std::nullopt;
  MasterLoadReport report;
  claims::MasterSet m = LoadMasters(dir, &report);
  std::cerr << fmt::format("マスター: {} ファイル\n", report.loaded.size());
  return m;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

int RunCheck(const CheckArgs& a) {
  CheckMonthOption("--since", a.since);
  const auto start = std::chrono::steady_clock::now();
  const std::vector<StoreMonth> stores = FindStores(a.stores);
  const std::optional<claims::MasterSet> masters = Masters(a.masters_dir);
  ClaimsRuleBook rules(a.rules_dir, YearPolicy{a.carry_forward});
  claims::InstitutionTable institutions;
  claims::CheckEngine engine(rules, institutions, {masters ? &*masters : nullptr});
  std::vector<claims::Finding> findings;
  std::uint64_t history = 0;
  // One view reused for every month: cleared, its vectors keep their capacity, so later
  // months do not grow and page in fresh memory again (the engine copies what it keeps).
  claims::CheckMonth month;
  for (const StoreMonth& s : stores) {
    month.Clear();
    ReadStoreView(s.path, institutions, {}, month);
    const bool report = s.billing_month >= a.since;
    engine.AddMonth(month, findings, report);
    history = std::max(history, engine.HistorySize());
    std::cerr << fmt::format("{}: 請求年月 {} レセプト {} 件{}\n", s.path, s.billing_month,
                             month.receipts.size(), report ? "" : " (履歴として読込)");
  }
  claims::SortFindings(findings);
  std::uint64_t errors = 0;
  for (const claims::Finding& f : findings) errors += f.severity == claims::CheckSeverity::kError;
  std::vector<std::string> notes;
  if (!masters)
    notes.push_back(
        "マスター (--masters) を指定していないため、一般名コードで決まる K03・K04 と "
        "ICD-10 で決まる K05 の規則は実施していません (医薬品コードで書かれた行は実施)");
  else if (engine.counts().drug_lines_without_master > 0)
    notes.push_back(
        fmt::format("調剤の医薬品 {} 行がマスターで見つからず、一般名コードの規則を当て"
                    "られませんでした",
                    engine.counts().drug_lines_without_master));
  if (a.since)
    notes.push_back(
        fmt::format("請求年月 {} より前の格納ファイルは履歴として読み、所見は出して"
                    "いません",
                    a.since));
  for (const std::string& g : rules.Gaps()) notes.push_back(g);
  std::vector<std::string> store_paths;
  for (const StoreMonth& s : stores) store_paths.push_back(s.path);
  ClaimsCheckReport rep{findings,      institutions, engine.counts(),    store_paths,
                        rules.Files(), notes,        masters.has_value()};
  const std::vector<ReportTable> tables = BuildClaimsCheckTables(rep);
  const std::vector<ReportTable> printed(tables.begin(), tables.begin() + 2);  // rules, months
  std::vector<std::string> warnings = rules.notes().Lines();
  warnings.insert(warnings.end(), notes.begin(), notes.end());
  std::cerr << fmt::format(
      "点検: {} か月、レセプト {} 件 (医科 {}・調剤 {})、所見 {} 件 (エラー {}・要確認 {})、"
      "履歴の最大 {} 件、{:.1f} 秒\n",
      engine.counts().months, engine.counts().receipts, engine.counts().medical,
      engine.counts().pharmacy, findings.size(), errors, findings.size() - errors, history,
      Seconds(start));
  return EmitReports(a.out_dir, a.formats, "claims_check", tables, ClaimsCheckJson(rep), &printed,
                     warnings, ClaimsFindingPages(rep));
}

int RunLists(const CheckArgs& a) {
  CheckMonthOption("--notice-from", a.notice_from);
  CheckMonthOption("--notice-to", a.notice_to);
  const auto start = std::chrono::steady_clock::now();
  const std::vector<StoreMonth> stores = FindStores(a.stores);
  const std::optional<claims::MasterSet> masters = Masters(a.masters_dir);
  // The thresholds of the fiscal year of the last 請求年月, unless --year says otherwise.
  const std::int32_t last = stores.empty() ? 0 : stores.back().billing_month;
  const FiscalYear fy =
      a.year.GetOr(FiscalYear(last % 100 >= 4 ? last / 100 : std::max(1, last / 100 - 1)));
  ParameterNotes notes;
  std::vector<std::string> sources;
  claims::ListParams params = LoadListParams(fy, a.params_file, a.year.Policy(), notes, sources);
  params.notice_from = a.notice_from;
  params.notice_to = a.notice_to;
  claims::InstitutionTable institutions;
  claims::ListEngine engine(params, institutions, masters ? &*masters : nullptr);
  claims::ViewOptions view;
  view.identities = true;
  std::uint64_t receipts = 0;
  claims::CheckMonth month;  // reused, as in RunCheck (the engine copies what it keeps)
  for (const StoreMonth& s : stores) {
    month.Clear();
    ReadStoreView(s.path, institutions, view, month);
    receipts += month.receipts.size();
    engine.AddMonth(month);
  }
  const claims::ListResults lists = engine.Finish();
  ClaimsListReport rep{lists, institutions, params, masters ? &*masters : nullptr, sources};
  const std::vector<ReportTable> tables = BuildClaimsListTables(rep);
  const std::vector<ReportTable> printed(tables.begin(), tables.begin() + 1);  // the summary
  std::cerr << fmt::format(
      "リスト: レセプト {} 件、重複受診 {}・頻回受診 {}・重複服薬 {}・多剤服薬 {}・差額通知 {}・"
      "医療費通知 {}・第三者行為 {} (人・月の行数)、{:.1f} 秒\n",
      receipts, lists.duplicate_visits.size(), lists.frequent_visits.size(),
      lists.duplicate_medication.size(), lists.polypharmacy.size(), lists.generic_notice.size(),
      lists.medical_notice.size(), lists.third_party.size(), Seconds(start));
  std::vector<ExtraFile> extra = ClaimsGenericLetters(rep);
  // The 医療費通知 rows can be millions: streamed to a file in a temporary folder of the
  // output folder, then moved into place with the other files (all or nothing).
  const OutputFormats f = ParseOutputFormats(a.formats);
  std::optional<OutputStage> scratch;
  if (f.files.csv) {
    scratch.emplace(a.out_dir.empty() ? "kokuho-output" : a.out_dir);
    const std::string path = scratch->PathFor("claims_medical_notice.csv");
    WriteMedicalNoticeCsv(rep, path);
    extra.push_back({"claims_medical_notice.csv", "", path});
  }
  std::vector<std::string> warnings = notes.Lines();
  warnings.insert(warnings.end(), lists.notes.begin(), lists.notes.end());
  return EmitReports(a.out_dir, a.formats, "claims_lists", tables, ClaimsListJson(rep), &printed,
                     warnings, extra);
}

}  // namespace

void RegisterClaimsChecks(CLI::App& claims, Action& action) {
  {
    auto a = std::make_shared<CheckArgs>();
    CLI::App* cmd = claims.add_subcommand(
        "check",
        "格納したレセプトの二次点検 (縦覧・横覧・突合) — 所見を規則・医療機関・月ごとに集計し、"
        "所見ごとの HTML を出力 (docs/claims-checks.md)");
    cmd->add_option("STORE", a->stores, "格納ファイル (.kclm) または格納フォルダ (複数可)")
        ->required();
    cmd->add_option("--rules", a->rules_dir,
                    "追加・上書きする規則表 (*.yaml, docs/parameters.md の形式) のフォルダ");
    cmd->add_option("--masters", a->masters_dir,
                    "基本マスターのフォルダ (一般名コード・ICD-10 を使う突合の規則に必要)");
    cmd->add_option("--since", a->since,
                    "この請求年月 (YYYYMM) からの所見だけを出す (それより前は履歴として読む)");
    cmd->add_flag("--carry-forward", a->carry_forward,
                  "規則表の確認済みの範囲 (known_through) を過ぎた診療年月にも最後の値を使う");
    AddOutputOptions(*cmd, a->out_dir, a->formats);
    cmd->callback([a, cmd, &action] {
      DefaultOutputFormats(*cmd, a->out_dir, a->formats);
      action = [a] { return RunCheck(*a); };
    });
  }
  {
    auto a = std::make_shared<CheckArgs>();
    CLI::App* cmd = claims.add_subcommand(
        "lists",
        "保険者向けリスト: 重複・頻回受診、重複・多剤服薬、後発医薬品差額通知 (通知文)・使用割合、"
        "医療費通知、第三者行為の候補 (docs/claims-checks.md)");
    cmd->add_option("STORE", a->stores, "格納ファイル (.kclm) または格納フォルダ (複数可)")
        ->required();
    cmd->add_option("--masters", a->masters_dir,
                    "基本マスターと一般名処方マスタのフォルダ (薬効・後発品・ICD-10 に必要)");
    cmd->add_option(
        "--params", a->params_file,
        "抽出基準のファイル (data/claims/guidance.yaml と同じ形式; 書いた系列だけ置換)");
    AddYearOption(*cmd, a->year, "R6", false, "抽出基準の年度 (既定: 最後の請求年月の年度)");
    cmd->add_option("--notice-from", a->notice_from, "医療費通知の対象の最初の診療年月 (YYYYMM)");
    cmd->add_option("--notice-to", a->notice_to, "医療費通知の対象の最後の診療年月 (YYYYMM)");
    AddOutputOptions(*cmd, a->out_dir, a->formats);
    cmd->callback([a, cmd, &action] {
      DefaultOutputFormats(*cmd, a->out_dir, a->formats);
      action = [a] { return RunLists(*a); };
    });
  }
}

}  // namespace kokuho::cli
