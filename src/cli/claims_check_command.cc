// `kokuho claims check` and `kokuho claims lists` (docs/claims-checks.md): the 二次点検 and
// the insurer's lists over claims stores (.kclm), month by month in 請求 order.
//
//   kokuho claims check STORE… [--rules DIR] [--masters DIR] [--since YYYYMM] [--out DIR]
//                              [--lists-out DIR [list options]] [--threads N]
//   kokuho claims lists STORE… [--masters DIR] [--params FILE] [--year Y]
//                              [--notice-from YYYYMM] [--notice-to YYYYMM] [--out DIR]
//
// Both read the stores month by month (ForEachMonth): while the engines work on one month,
// the next is read on another core of core/parallel's pool; each engine sees the months in
// order, one at a time, so the findings and lists are those of a serial run (--threads 1),
// byte for byte (tests/claims/check_cli_test.cc). `check --lists-out DIR` runs the lists in
// the same pass (one read of the stores for both), writing DIR as `claims lists --out DIR`
// would.
//
// Nothing personal is printed: the terminal gets counts and the rule summaries; the files
// the insurer asked for (lists, letters, 医療費通知) carry names and numbers.
#include <fmt/format.h>

#include <chrono>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>

#include "claims/check_engine.h"
#include "claims/guidance_lists.h"
#include "cli/commands.h"
#include "cli/output_formats.h"
#include "cli/year_option.h"
#include "core/error.h"
#include "core/parallel.h"
#include "io/output_files.h"
#include "readers/claims/check_rules_loader.h"
#include "readers/claims/master_loader.h"
#include "readers/claims/store_months.h"
#include "report/claims_check_report.h"
#include "report/claims_list_report.h"

namespace kokuho::cli {
namespace {

struct CheckArgs {
  std::vector<std::string> stores;
  std::string rules_dir, masters_dir, params_file;
  std::string out_dir, formats;
  std::string lists_out;  ///< check: also the lists, into this folder
  unsigned threads = 0;   ///< 0: every core; 1: one month after the other on one thread
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

// One engine's step: called for every month in 請求 order, never for two months at once.
using MonthStep = std::function<void(const StoreMonth&, const claims::CheckMonth&)>;

// Reads the stores in order and hands each month's view to every engine. The engines of a
// month run as tasks of the one pool together with the read of the next month (into a
// second view with an institution table of its own, adopted into the run's table once the
// month's engines are done), so a month's view is never written while an engine reads it
// and the run's table only changes between months. Memory: two months' views.
void ForEachMonth(const std::vector<StoreMonth>& stores, claims::InstitutionTable& institutions,
                  const claims::ViewOptions& options, unsigned threads,
                  const std::vector<MonthStep>& engines,
                  const std::function<void(const StoreMonth&, const claims::CheckMonth&)>& done) {
  if (stores.empty()) return;
  // Two views reused for the run: cleared, their vectors keep their capacity, so later
  // months do not grow and page in fresh memory again (the engines copy what they keep).
  claims::CheckMonth views[2];
  claims::InstitutionTable local[2];
  auto read = [&](std::size_t k) {
    claims::CheckMonth& v = views[k % 2];
    v.Clear();
    local[k % 2] = claims::InstitutionTable{};
    ReadStoreView(stores[k].path, local[k % 2], options, v);
  };
  read(0);
  AdoptInstitutions(local[0], institutions, views[0]);
  for (std::size_t k = 0; k < stores.size(); ++k) {
    const claims::CheckMonth& view = views[k % 2];
    const bool next = k + 1 < stores.size();
    // The engines first (the longer tasks), then the read of the next month.
    ParallelForEach(engines.size() + (next ? 1 : 0), threads, [&](std::size_t t) {
      if (t < engines.size())
        engines[t](stores[k], view);
      else
        read(k + 1);
    });
    done(stores[k], view);
    if (next) AdoptInstitutions(local[(k + 1) % 2], institutions, views[(k + 1) % 2]);
  }
}

// The lists' thresholds and the engine that builds them.
struct ListsRun {
  std::vector<std::string> sources;
  ParameterNotes notes;
  claims::ListParams params;
  std::unique_ptr<claims::ListEngine> engine;
  std::uint64_t receipts = 0;
};

std::unique_ptr<ListsRun> StartLists(const CheckArgs& a, const std::vector<StoreMonth>& stores,
                                     const claims::InstitutionTable& institutions,
                                     const claims::MasterSet* masters) {
  CheckMonthOption("--notice-from", a.notice_from);
  CheckMonthOption("--notice-to", a.notice_to);
  auto run = std::make_unique<ListsRun>();
  // The thresholds of the fiscal year of the last 請求年月, unless --year says otherwise.
  const std::int32_t last = stores.empty() ? 0 : stores.back().billing_month;
  const FiscalYear fy =
      a.year.GetOr(FiscalYear(last % 100 >= 4 ? last / 100 : std::max(1, last / 100 - 1)));
  run->params = LoadListParams(fy, a.params_file, a.year.Policy(), run->notes, run->sources);
  run->params.notice_from = a.notice_from;
  run->params.notice_to = a.notice_to;
  run->engine = std::make_unique<claims::ListEngine>(run->params, institutions, masters);
  return run;
}

int EmitLists(ListsRun& run, const std::string& out_dir, const std::string& formats,
              const claims::InstitutionTable& institutions, const claims::MasterSet* masters,
              std::chrono::steady_clock::time_point start) {
  const claims::ListResults lists = run.engine->Finish();
  ClaimsListReport rep{lists, institutions, run.params, masters, run.sources};
  const std::vector<ReportTable> tables = BuildClaimsListTables(rep);
  const std::vector<ReportTable> printed(tables.begin(), tables.begin() + 1);  // the summary
  std::cerr << fmt::format(
      "リスト: レセプト {} 件、重複受診 {}・頻回受診 {}・重複服薬 {}・多剤服薬 {}・差額通知 {}・"
      "医療費通知 {}・第三者行為 {} (人・月の行数)、{:.1f} 秒\n",
      run.receipts, lists.duplicate_visits.size(), lists.frequent_visits.size(),
      lists.duplicate_medication.size(), lists.polypharmacy.size(), lists.generic_notice.size(),
      lists.medical_notice.size(), lists.third_party.size(), Seconds(start));
  std::vector<ExtraFile> extra = ClaimsGenericLetters(rep);
  // The 医療費通知 rows can be millions: streamed to a file in a temporary folder of the
  // output folder, then moved into place with the other files (all or nothing).
  const OutputFormats f = ParseOutputFormats(formats);
  std::optional<OutputStage> scratch;
  if (f.files.csv) {
    scratch.emplace(out_dir.empty() ? "kokuho-output" : out_dir);
    const std::string path = scratch->PathFor("claims_medical_notice.csv");
    WriteMedicalNoticeCsv(rep, path);
    extra.push_back({"claims_medical_notice.csv", "", path});
  }
  std::vector<std::string> warnings = run.notes.Lines();
  warnings.insert(warnings.end(), lists.notes.begin(), lists.notes.end());
  return EmitReports(out_dir, formats, "claims_lists", tables, ClaimsListJson(rep), &printed,
                     warnings, extra);
}

int RunCheck(const CheckArgs& a) {
  CheckMonthOption("--since", a.since);
  const auto start = std::chrono::steady_clock::now();
  const std::vector<StoreMonth> stores = FindStores(a.stores);
  const std::optional<claims::MasterSet> masters = Masters(a.masters_dir);
  const claims::MasterSet* m = masters ? &*masters : nullptr;
  ClaimsRuleBook rules(a.rules_dir, YearPolicy{a.carry_forward});
  claims::InstitutionTable institutions;
  claims::CheckEngine engine(rules, institutions, {m});
  std::unique_ptr<ListsRun> lists;
  if (!a.lists_out.empty()) lists = StartLists(a, stores, institutions, m);
  std::vector<claims::Finding> findings;
  std::uint64_t history = 0;
  std::vector<MonthStep> engines;
  if (lists)  // first: the longer task
    engines.push_back([&](const StoreMonth&, const claims::CheckMonth& month) {
      lists->receipts += month.receipts.size();
      lists->engine->AddMonth(month);
    });
  engines.push_back([&](const StoreMonth& s, const claims::CheckMonth& month) {
    engine.AddMonth(month, findings, s.billing_month >= a.since);
    history = std::max(history, engine.HistorySize());
  });
  claims::ViewOptions view;
  view.identities = lists != nullptr;  // names and numbers: only the lists need them
  ForEachMonth(stores, institutions, view, a.threads, engines,
               [&](const StoreMonth& s, const claims::CheckMonth& month) {
                 std::cerr << fmt::format("{}: 請求年月 {} レセプト {} 件{}\n", s.path,
                                          s.billing_month, month.receipts.size(),
                                          s.billing_month >= a.since ? "" : " (履歴として読込)");
               });
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
  const int rc = EmitReports(a.out_dir, a.formats, "claims_check", tables, ClaimsCheckJson(rep),
                             &printed, warnings, ClaimsFindingPages(rep));
  if (rc != 0 || !lists) return rc;
  return EmitLists(*lists, a.lists_out, a.formats, institutions, m, start);
}

int RunLists(const CheckArgs& a) {
  const auto start = std::chrono::steady_clock::now();
  const std::vector<StoreMonth> stores = FindStores(a.stores);
  const std::optional<claims::MasterSet> masters = Masters(a.masters_dir);
  const claims::MasterSet* m = masters ? &*masters : nullptr;
  claims::InstitutionTable institutions;
  const std::unique_ptr<ListsRun> lists = StartLists(a, stores, institutions, m);
  claims::ViewOptions view;
  view.identities = true;
  ForEachMonth(stores, institutions, view, a.threads,
               {[&](const StoreMonth&, const claims::CheckMonth& month) {
                 lists->receipts += month.receipts.size();
                 lists->engine->AddMonth(month);
               }},
               [](const StoreMonth&, const claims::CheckMonth&) {});
  return EmitLists(*lists, a.out_dir, a.formats, institutions, m, start);
}

// The options of the lists (claims lists, and claims check --lists-out, whose --carry-forward
// is its own and serves both).
void AddListOptions(CLI::App& cmd, CheckArgs& a, bool carry_forward) {
  cmd.add_option("--params", a.params_file,
                 "抽出基準のファイル (data/claims/guidance.yaml と同じ形式; 書いた系列だけ置換)");
  AddYearOption(cmd, a.year, "R6", false, "抽出基準の年度 (既定: 最後の請求年月の年度)",
                carry_forward);
  cmd.add_option("--notice-from", a.notice_from, "医療費通知の対象の最初の診療年月 (YYYYMM)");
  cmd.add_option("--notice-to", a.notice_to, "医療費通知の対象の最後の診療年月 (YYYYMM)");
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
    cmd->add_option("--lists-out", a->lists_out,
                    "保険者向けリスト (claims lists --out と同じファイル) も同じ読込で作り、この"
                    "フォルダに出力する (--out が必要; --since によらず全格納ファイルが対象)");
    AddListOptions(*cmd, *a, false);
    cmd->add_option("--threads", a->threads, "スレッド数 (既定 0: すべてのコア; 1: 逐次)");
    AddOutputOptions(*cmd, a->out_dir, a->formats);
    cmd->callback([a, cmd, &action] {
      a->year.carry_forward = a->carry_forward;
      if (!a->lists_out.empty() && a->out_dir.empty())
        throw CLI::ValidationError("--lists-out", "--out (点検結果のフォルダ) も指定してください");
      if (a->lists_out.empty())
        for (const char* o : {"--params", "--year", "--notice-from", "--notice-to"})
          if (cmd->count(o) > 0)
            throw CLI::ValidationError(
                o, "保険者向けリストのオプションです。--lists-out フォルダ も指定してください");
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
    AddListOptions(*cmd, *a, true);
    cmd->add_option("--threads", a->threads, "スレッド数 (既定 0: すべてのコア; 1: 逐次)");
    AddOutputOptions(*cmd, a->out_dir, a->formats);
    cmd->callback([a, cmd, &action] {
      DefaultOutputFormats(*cmd, a->out_dir, a->formats);
      action = [a] { return RunLists(*a); };
    });
  }
}

}  // namespace kokuho::cli
