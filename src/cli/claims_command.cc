// `kokuho claims read|ingest|show`: レセ電 files in, receipts out (docs/claims-format.md).
//
//   kokuho claims read RECEIPTC.UKE [--masters DIR] [--out DIR] [--format csv,xlsx,json]
//   kokuho claims ingest RECEIPTC.UKE … --store DIR
//   kokuho claims show RECEIPTC.UKE|STORE --receipt N [--masters DIR]
//
// Exit codes: 0 everything read; 1 a receipt was quarantined or a file had an error (the
// outputs are still written, quarantined receipts kept apart) unless --allow-quarantine;
// also 1 for a file that cannot be opened; 2 usage.
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "claims/master.h"
#include "claims/parser.h"
#include "claims/receipt_text.h"
#include "claims/synth.h"
#include "cli/commands.h"
#include "core/error.h"
#include "io/csv_writer.h"
#include "io/output_files.h"
#include "readers/claims/claims_output.h"
#include "readers/claims/claims_store.h"
#include "readers/claims/master_loader.h"
#include "readers/claims/uke_reader.h"

namespace kokuho::cli {
namespace {

struct ClaimsArgs {
  std::vector<std::string> files;
  std::string masters_dir;
  std::string out_dir;
  std::string formats;
  std::string store_dir;
  std::string encoding = "auto";
  std::string salt;
  std::string source;
  bool allow_quarantine = false;
  bool personal = false;
  long long receipt = -1;
  // synth
  unsigned long long receipts = 10000;
  unsigned long long seed = 1;
  int month = 202406;
  int prefecture = 10;
  double plant_frequent = 0, plant_duplicates = 0, plant = 0;
  int months = 1;
};

// The files named on the command line, a folder standing for its *.UKE files (sorted).
std::vector<std::string> ExpandFiles(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const std::string& a : args) {
    std::error_code ec;
    if (!std::filesystem::is_directory(a, ec)) {
      out.push_back(a);
      continue;
    }
    std::vector<std::string> found;
    for (const auto& e : std::filesystem::directory_iterator(a, ec)) {
      std::string ext = e.path().extension().string();
      for (char& c : ext) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (e.is_regular_file() && ext == ".UKE") found.push_back(e.path().string());
    }
    if (found.empty())
      throw InputError({a, 0, 0}, "このフォルダにレセ電ファイル (*.UKE) がありません");
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

claims::Encoding ParseEncoding(const std::string& e) {
  if (e == "auto") return claims::Encoding::kAuto;
  if (e == "cp932" || e == "sjis" || e == "shift_jis") return claims::Encoding::kCp932;
  if (e == "utf8" || e == "utf-8") return claims::Encoding::kUtf8;
  throw CLI::ValidationError(
      "--encoding", "「" + e + "」は使えません。auto、cp932、utf8 のどれかを指定してください");
}

// The salt for 検索番号 hashes: --salt, else $KOKUHO_CLAIMS_SALT, else none (no hashes).
std::string Salt(const ClaimsArgs& a) {
  if (!a.salt.empty()) return a.salt;
  if (const char* env = std::getenv("KOKUHO_CLAIMS_SALT"); env && *env) return env;
  return {};
}

ReadOptions MakeReadOptions(const ClaimsArgs& a) {
  ReadOptions o;
  o.encoding = ParseEncoding(a.encoding);
  o.salt = Salt(a);
  return o;
}

std::string Grouped(std::int64_t v) {
  std::string d = fmt::format("{}", v < 0 ? -v : v), out;
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (i > 0 && (d.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(d[i]);
  }
  return v < 0 ? "-" + out : out;
}

// Prints the diagnostics (at most `limit`) and the run's counts to stderr; returns the exit code.
int Report(const ClaimsRun& run, bool allow_quarantine, std::size_t limit = 200) {
  std::size_t shown = 0;
  for (const claims::Diagnostic& d : run.diagnostics) {
    if (shown++ >= limit) {
      std::cerr << fmt::format(
          "… ほか {} 件 (すべては --out の diagnostics.csv に書き出されます)\n",
          run.diagnostics.size() - limit);
      break;
    }
    std::cerr << d.ToString() << "\n";
  }
  std::size_t go_shown = 0, go_total = 0;
  for (const claims::FileSummary& f : run.files) {
    if (!(f.has_trailer && f.go_volume == 99 && f.go_count >= 0)) continue;
    ++go_total;
    if (go_shown++ < 10)
      std::cerr << fmt::format(
          "{}: GO 総件数 {} (数えた件数 {})・総合計点数 {} (主保険点数の和 {})\n", f.name,
          Grouped(f.go_count), Grouped(f.counted), Grouped(f.go_points),
          f.sums_known ? Grouped(f.points) : "不明");
  }
  if (go_total > go_shown)
    std::cerr << fmt::format("… ほか {} ファイルの GO (合わないものは上にエラーとして出ています)\n",
                             go_total - go_shown);
  std::cerr << fmt::format(
      "レセプト: 読込 {} 件 / 受理 {} 件 / 保留 (quarantine) {} 件; レセプト外の保留行 {}; "
      "エラー {} 件, 警告 {} 件 ({} ファイル, {} 行)\n",
      Grouped(run.receipts_read), Grouped(run.receipts_accepted), Grouped(run.receipts_quarantined),
      run.stray_lines, run.errors, run.warnings, run.files.size(), Grouped(run.lines));
  if (run.errors == 0) return 0;
  if (allow_quarantine) {
    std::cerr << "エラーがありますが --allow-quarantine のため終了コード 0 とします "
                 "(保留したレセプトは出力の quarantine に残っています)\n";
    return 0;
  }
  std::cerr << "エラーがあります (保留したレセプトは出力の quarantine に残っています); "
               "承知のうえで続ける場合は --allow-quarantine\n";
  return 1;
}

int RunRead(const ClaimsArgs& a) {
  ClaimsOutputFormats formats;
  bool table = a.formats.empty() && a.out_dir.empty();
  const std::string list = a.formats.empty() ? (a.out_dir.empty() ? "" : "csv") : a.formats;
  std::stringstream ss(list);
  for (std::string item; std::getline(ss, item, ',');) {
    if (item == "csv")
      formats.csv = true;
    else if (item == "xlsx")
      formats.xlsx = true;
    else if (item == "json")
      formats.json = true;
    else if (item == "table")
      table = true;
    else
      throw CLI::ValidationError("--format",
                                 "「" + item +
                                     "」は使えません。csv、xlsx、json をカンマで区切って"
                                     "指定してください");
  }
  std::optional<claims::MasterSet> masters;
  if (!a.masters_dir.empty()) {
    MasterLoadReport report;
    masters = LoadMasters(a.masters_dir, &report);
    for (const std::string& l : report.loaded) std::cerr << "マスター: " << l << "\n";
    for (const std::string& s : report.skipped)
      std::cerr << "マスターでないため読み飛ばし: " << s << "\n";
  }
  const bool json_stdout = formats.json && !formats.csv && !formats.xlsx && a.out_dir.empty();
  std::unique_ptr<OutputStage> stage;
  if ((formats.csv || formats.xlsx || formats.json) && !json_stdout)
    stage = std::make_unique<OutputStage>(a.out_dir.empty() ? "kokuho-output" : a.out_dir);
  std::unique_ptr<ClaimsOutput> out;
  if (formats.csv || formats.xlsx || formats.json)
    out = std::make_unique<ClaimsOutput>(stage.get(), formats, masters ? &*masters : nullptr,
                                         json_stdout ? &std::cout : nullptr);
  std::optional<claims::Resolver> resolver;
  if (masters) resolver.emplace(*masters);
  const std::vector<std::string> names = ExpandFiles(a.files);
  const ClaimsRun run = ReadUkeFiles(names, MakeReadOptions(a), [&](const claims::ClaimBatch& b) {
    if (out) out->AddBlock(b, names);
    if (resolver) resolver->Check(b, names);
  });
  const std::vector<claims::UnresolvedCode> unresolved =
      resolver ? resolver->Unresolved() : std::vector<claims::UnresolvedCode>{};
  if (out) out->Finish(run, unresolved);
  if (stage) {
    stage->Commit();
    std::cerr << "wrote " << stage->target_dir() << "\n";
  }
  if (table) {
    std::cout << "ファイル\t点数表\t医療機関コード\t請求年月\tボリューム\tレセプト\t受理\t保留\tGO"
                 "総件数\t"
                 "GO総合計点数\n";
    for (const claims::FileSummary& f : run.files)
      std::cout << fmt::format("{}\t{}\t{}\t{}\t{:02}\t{}\t{}\t{}\t{}\t{}\n", f.name,
                               claims::TableName(f.table), f.institution, f.billing_month,
                               f.volume < 0 ? 0 : f.volume, f.receipts_read, f.receipts_accepted,
                               f.receipts_quarantined, f.go_count >= 0 ? Grouped(f.go_count) : "",
                               f.go_points >= 0 ? Grouped(f.go_points) : "");
  }
  if (resolver) {
    std::cerr << fmt::format("マスター: コード {} 件を照合し {} 件が解決、解決しないコード {} 種類",
                             resolver->looked_up(), resolver->resolved(), unresolved.size());
    std::cerr << (unresolved.empty() ? "\n" : " (unresolved_codes.csv; 推測はしません)\n");
    std::size_t shown = 0;
    for (const claims::UnresolvedCode& u : unresolved) {
      if (shown++ >= 20) break;
      std::cerr << fmt::format(
          "  {} {} (診療年月 {}, {} 回; 最初 {}:{}) {}\n", claims::MasterKindName(u.kind), u.code,
          u.month, u.uses, u.file, u.line,
          u.other_version ? "マスターにあるが、この診療年月に有効な版がない" : "マスターにない");
    }
  }
  return Report(run, a.allow_quarantine);
}

int RunIngest(const ClaimsArgs& a) {
  const claims::Encoding enc = ParseEncoding(a.encoding);
  // Group the files by 請求年月: one store file per month.
  std::map<std::int32_t, std::vector<std::string>> months;
  for (const std::string& f : ExpandFiles(a.files)) {
    const std::int32_t m = PeekBillingMonth(f, enc);
    if (m <= 0)
      throw InputError(
          {f, 1, 0},
          "ヘッダー (IR/YK) の請求年月が読めないため、格納先 (請求年月ごとのファイル) が決まり"
          "ません");
    months[m].push_back(f);
  }
  OutputStage stage(a.store_dir);
  ClaimsRun total;
  for (const auto& [month, files] : months) {
    const std::string name = fmt::format("claims-{}.kclm", month);
    ClaimsStoreWriter writer(stage.PathFor(name));
    const ClaimsRun run = ReadUkeFiles(files, MakeReadOptions(a),
                                       [&](const claims::ClaimBatch& b) { writer.WriteBlock(b); });
    writer.Finish(run.files, run.diagnostics);
    std::cerr << fmt::format("{}: 請求年月 {} の {} ファイル, 受理 {} 件, 保留 {} 件\n", name,
                             month, files.size(), Grouped(run.receipts_accepted),
                             run.receipts_quarantined);
    total.receipts_read += run.receipts_read;
    total.receipts_accepted += run.receipts_accepted;
    total.receipts_quarantined += run.receipts_quarantined;
    total.stray_lines += run.stray_lines;
    total.errors += run.errors;
    total.warnings += run.warnings;
    total.lines += run.lines;
    total.bytes += run.bytes;
    for (const auto& f : run.files) total.files.push_back(f);
    for (const auto& d : run.diagnostics) total.diagnostics.push_back(d);
  }
  stage.Commit();
  std::cerr << "wrote " << a.store_dir << "\n";
  return Report(total, a.allow_quarantine);
}

bool IsStoreFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[9] = {};
  in.read(magic, 9);
  return in.gcount() == 9 && std::string_view(magic, 9) == "KOKUHOCLM";
}

int RunShow(const ClaimsArgs& a) {
  if (a.files.size() != 1)
    throw CLI::ValidationError("FILE", "レセ電ファイルか格納ファイルを1つ指定してください");
  const std::string& path = a.files.front();
  std::optional<claims::MasterSet> masters;
  if (!a.masters_dir.empty()) masters = LoadMasters(a.masters_dir);
  claims::RenderOptions ro;
  ro.show_personal = a.personal;
  std::vector<std::string> stores;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    for (const auto& e : std::filesystem::directory_iterator(path, ec))
      if (e.path().extension() == ".kclm") stores.push_back(e.path().string());
    std::sort(stores.begin(), stores.end());
    if (stores.empty())
      throw InputError({path, 0, 0}, "このフォルダに .kclm の格納ファイルがありません");
  } else if (IsStoreFile(path)) {
    stores.push_back(path);
  }
  auto matches = [&](const claims::FileSummary& f) {
    return a.source.empty() || f.name == a.source ||
           std::filesystem::path(f.name).filename().string() == a.source;
  };
  std::vector<std::string> found;  // rendered receipts
  std::vector<std::string> quarantined;
  auto look = [&](const claims::ClaimBatch& b, const std::vector<claims::FileSummary>& files) {
    for (const claims::Receipt& rc : b.receipts)
      if (rc.number == static_cast<std::uint64_t>(a.receipt) && rc.file < files.size() &&
          matches(files[rc.file]))
        found.push_back(
            claims::RenderReceipt(b, rc, files[rc.file], masters ? &*masters : nullptr, ro));
    for (const claims::Quarantined& q : b.quarantine)
      if (q.receipt == a.receipt && q.file < files.size() && matches(files[q.file])) {
        std::string s =
            fmt::format("レセプト番号 {} ({} {}行目から {} 行) は保留 (quarantine) されています:\n",
                        q.receipt, files[q.file].name, q.first_line, q.line_count);
        for (const auto& d : q.reasons) s += "  " + d.ToString() + "\n";
        quarantined.push_back(s);
      }
  };
  if (!stores.empty()) {
    for (const std::string& s : stores) {
      const ClaimsStore store = ClaimsStore::Open(s);
      for (std::size_t b = 0; b < store.blocks(); ++b) look(store.ReadBlock(b), store.info().files);
    }
  } else {
    std::vector<claims::FileSummary> files;
    std::vector<claims::ClaimBatch> kept;
    ReadOptions o = MakeReadOptions(a);
    o.block_receipts = 0;  // one block: the whole file
    ClaimsRun run =
        ReadUkeFiles({path}, o, [&](const claims::ClaimBatch& b) { kept.push_back(b); });
    for (const auto& b : kept) look(b, run.files);
  }
  if (found.empty() && quarantined.empty())
    throw InputError({path, 0, 0},
                     fmt::format("レセプト番号 {} のレセプトがありません{}", a.receipt,
                                 a.source.empty() ? "" : " (--source " + a.source + ")"));
  if (found.size() + quarantined.size() > 1 && a.source.empty()) {
    std::cerr << fmt::format(
        "レセプト番号 {} が {} 件あります (ファイルごとに1から振られるため); "
        "--source FILE で絞れます\n",
        a.receipt, found.size() + quarantined.size());
  }
  for (const std::string& s : found) std::cout << s << "\n";
  for (const std::string& s : quarantined) std::cout << s << "\n";
  return 0;
}

int RunSynth(const ClaimsArgs& a) {
  claims::SynthOptions o;
  o.seed = a.seed;
  o.receipts = a.receipts;
  o.billing_month = a.month;
  o.prefecture = a.prefecture;
  o.plant_frequent_visits = a.plant_frequent;
  o.plant_duplicate_prescriptions = a.plant_duplicates;
  o.plant_rate = a.plant;
  o.months = a.months;
  o.write_masters = true;
  if (a.months < 1 || a.months > 60)
    throw CLI::ValidationError("--months", "1〜60 を指定してください");
  if (a.month % 100 < 1 || a.month % 100 > 12 || a.month < 200001)
    throw CLI::ValidationError("--month", "請求年月を YYYYMM (例: 202407) で指定してください");
  if (a.prefecture < 1 || a.prefecture > 47)
    throw CLI::ValidationError("--prefecture", "都道府県コード 1〜47 を指定してください");
  OutputStage stage(a.out_dir);
  const claims::SynthSummary s =
      claims::GenerateClaims(o, [&](const std::string& name, std::string&& bytes) {
        WriteFileAtomic(stage.PathFor(name), bytes);
      });
  std::vector<std::vector<std::string>> rows = {
      {"id", "rule", "file", "receipt", "line", "detail"}};
  for (const claims::PlantedFinding& p : s.planted)
    rows.push_back(
        {p.id, p.rule, p.file, fmt::format("{}", p.receipt), fmt::format("{}", p.line), p.detail});
  WriteCsv(stage.PathFor("planted.csv"), rows);
  std::vector<std::vector<std::string>> files = {
      {"file", "点数表", "receipts", "lines", "bytes", "GO総件数", "GO総合計点数"}};
  for (const claims::SynthFile& f : s.files)
    files.push_back({f.name, std::string(claims::TableName(f.table)), fmt::format("{}", f.receipts),
                     fmt::format("{}", f.lines), fmt::format("{}", f.bytes),
                     fmt::format("{}", f.go_count), fmt::format("{}", f.go_points)});
  WriteCsv(stage.PathFor("files.csv"), files);
  stage.Commit();
  std::cerr << fmt::format(
      "wrote {}: {} ファイル, レセプト {} 件 (医科外来 {}, 医科入院 {}, DPC {}, 歯科 {}, 調剤 {}), "
      "{} 行, {} バイト; "
      "埋め込んだ事例 {} 件 (planted.csv); 合成マスターと規則 (s_/y_/b_/z_SYNTH, ippanmei_SYNTH, "
      "check_rules_synth.yaml); seed {}\n",
      a.out_dir, s.files.size(), Grouped(s.receipts), Grouped(s.outpatient), Grouped(s.inpatient),
      Grouped(s.dpc), Grouped(s.dental), Grouped(s.pharmacy), Grouped(s.lines), Grouped(s.bytes),
      s.planted.size(), a.seed);
  return 0;
}

}  // namespace

void RegisterClaims(CLI::App& app, Action& action) {
  CLI::App* claims = app.add_subcommand(
      "claims", "レセプト電算 (レセ電) ファイルの読込・検証・格納・表示 (docs/claims-format.md)");
  claims->require_subcommand(1);
  auto common = [](CLI::App* cmd, ClaimsArgs& a) {
    cmd->add_option("--encoding", a.encoding, "文字コード: auto (既定), cp932, utf8");
    cmd->add_option(
        "--salt", a.salt,
        "メッセージで検索番号を示すハッシュの塩 (既定: 環境変数 KOKUHO_CLAIMS_SALT; なければ"
        "ハッシュを出さない)");
    cmd->add_flag("--allow-quarantine", a.allow_quarantine,
                  "保留 (quarantine) したレセプトがあっても終了コード 0");
  };
  {
    auto a = std::make_shared<ClaimsArgs>();
    CLI::App* cmd =
        claims->add_subcommand("read", "レセ電ファイルを読み、検証して CSV/xlsx/JSON に出力");
    cmd->add_option("FILE", a->files, "レセ電ファイル (RECEIPTC.UKE など; 複数ボリューム可)")
        ->required();
    cmd->add_option("--masters", a->masters_dir,
                    "基本マスターのフォルダ (s_/y_/t_/c_/b_/z_ のファイル)");
    cmd->add_option("--out", a->out_dir, "出力フォルダ");
    cmd->add_option("--format", a->formats,
                    "csv, xlsx, json の組み合わせ (既定: --out があれば csv)");
    common(cmd, *a);
    cmd->callback([a, &action] { action = [a] { return RunRead(*a); }; });
  }
  {
    auto a = std::make_shared<ClaimsArgs>();
    CLI::App* cmd = claims->add_subcommand(
        "ingest",
        "レセ電ファイルを読み、請求年月ごとの列指向格納ファイル (claims-YYYYMM.kclm) に書く");
    cmd->add_option("FILE", a->files, "レセ電ファイル")->required();
    cmd->add_option("--store", a->store_dir, "格納フォルダ")->required();
    common(cmd, *a);
    cmd->callback([a, &action] { action = [a] { return RunIngest(*a); }; });
  }
  {
    auto a = std::make_shared<ClaimsArgs>();
    CLI::App* cmd = claims->add_subcommand("show", "1件のレセプトを紙のレセプトのように表示");
    cmd->add_option("FILE", a->files, "レセ電ファイル、.kclm 格納ファイル、または格納フォルダ")
        ->required();
    cmd->add_option("--receipt", a->receipt, "レセプト番号")->required();
    cmd->add_option("--source", a->source, "複数ファイルの格納で、元のファイル名で絞る");
    cmd->add_option("--masters", a->masters_dir, "名称を引く基本マスターのフォルダ");
    cmd->add_flag("--personal", a->personal, "氏名・生年月日・記号番号を伏せずに表示");
    cmd->add_option("--encoding", a->encoding, "文字コード: auto (既定), cp932, utf8");
    cmd->callback([a, &action] { action = [a] { return RunShow(*a); }; });
  }
  {
    auto a = std::make_shared<ClaimsArgs>();
    CLI::App* cmd = claims->add_subcommand(
        "synth", "合成レセプト (県の1か月分: 医科・DPC・歯科・調剤) を生成 (docs/claims-synth.md)");
    cmd->add_option(
           "--out", a->out_dir,
           "出力フォルダ (医療機関・月ごとの .UKE と planted.csv, files.csv, 合成マスター)")
        ->required();
    cmd->add_option("--receipts", a->receipts, "レセプト件数の目安 (既定 10000)");
    cmd->add_option("--seed", a->seed, "乱数の種 (同じ種なら同じファイル)");
    cmd->add_option("--month", a->month, "請求年月 YYYYMM (既定 202406; 診療年月はその前月)");
    cmd->add_option("--prefecture", a->prefecture, "都道府県コード (既定 10 群馬)");
    cmd->add_option("--plant-frequent-visits", a->plant_frequent,
                    "頻回受診 (実日数15日以上が3か月続く) にする人の割合 (--months 3 以上)");
    cmd->add_option("--plant-duplicate-prescriptions", a->plant_duplicates,
                    "同じ薬効を3つの医療機関から処方される (重複服薬) 人の割合");
    cmd->add_option("--months", a->months,
                    "続けて作る請求年月の数 (同じ人々の縦覧用の履歴; 既定 1)");
    cmd->add_option("--plant", a->plant,
                    "すべての規則・リストの事例を埋め込む割合 (地区の人数に対して、種類・月ごと)");
    cmd->callback([a, &action] { action = [a] { return RunSynth(*a); }; });
  }
  RegisterClaimsChecks(*claims, action);
}

}  // namespace kokuho::cli
