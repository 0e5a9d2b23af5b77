// A synthetic prefecture-month of レセ電 claims: 医科 (外来, 出来高 入院, DPC 入院), 歯科 and
// 調剤 files, one per institution, in the standard format (CP932, CRLF), deterministic by
// seed, that the reader reads back without an error (tests/claims/synth_test.cc).
//
//   SynthOptions o;
//   o.receipts = 1'200'000;                       // about one prefecture-month
//   SynthSummary s = GenerateClaims(o, [&](const std::string& name, std::string&& bytes) {
//     write OUT/name …
//   });
//   s.planted …                                   // the violations planted, for later checks
//
// Distributions (docs/claims-synth.md, with sources and what is assumed): receipts split by
// kind as 件数 = 受診延日数 ÷ 1件当たり日数 of MHLW 概算医療費 (令和3–4年度); days per receipt
// drawn around those 1件当たり日数 (入院 15.2, 入院外 1.51, 歯科 1.66, 調剤 受付 1.20); ages as
// 市町村国保 (41% aged 65–74) plus 後期高齢者; codes are real レセ電 codes (the sample's and
// the bundled master extracts'), their 点数 illustrative. Every receipt's HO 合計点数 is the
// sum of its 点数 × 回数 (plus the DPC 包括 points), and the GO totals follow the counting rule.
//
// Months: `months` consecutive 請求年月 from `billing_month`, with the same people and
// institutions (a district's people keep their clinics, conditions and histories), so that
// 縦覧 has something to look back on. One file per institution and month.
//
// Clinical templates tie 傷病名, procedures and drugs (docs/claims-format.md): 高血圧,
// 糖尿病, 脂質異常症, 消化性潰瘍, 不眠, 関節症 (chronic), 上気道炎 and 外傷 (acute). The clean
// data keeps every rule of claims/check_engine.h and every list threshold of
// claims/guidance_lists.h (a 初診 only for a new episode, one receipt per person, institution
// and month, no outpatient day inside an admission, drugs only with their 傷病名, one
// institution per 薬効, ≤ 14 visit days, ≤ 4 chronic drugs, 先発品 only where the J300 点数
// equals the 後発品's, every injury declared 第三 (特記事項 10)).
//
// Planting: SynthOptions asks for violations at a rate; each planted case is written into
// the files like any receipt and listed in SynthSummary::planted (the rule code or list it
// must trigger, the file, receipt and line where it will be found), so that recall and
// precision can be measured per rule (PlantedRuleKinds lists the kinds). With
// `write_masters`, the synthetic 基本マスター (s, y, b, z), the 一般名処方マスタ and a rule file
// for the synthetic codes are written too (SynthMasterFiles).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "claims/layout.h"

namespace kokuho::claims {

struct SynthOptions {
  std::uint64_t seed = 1;
  int prefecture = 10;                  ///< 都道府県コード (10 群馬)
  std::int32_t billing_month = 202406;  ///< 請求年月; 診療年月 is the month before
  std::uint64_t receipts = 10000;       ///< about this many receipts in all
  // Shares of receipts by kind (docs/claims-synth.md derives them from 概算医療費).
  double share_outpatient = 0.516;
  double share_inpatient = 0.014;
  double share_dental = 0.120;
  double share_pharmacy = 0.350;  ///< 調剤: also made for every 院外処方 of an 外来 receipt
  double dpc_share_of_inpatient = 0.5;
  int months = 1;  ///< consecutive 請求年月 from billing_month, the same people
  // Planted violations: the share of a district's people planted per kind and month.
  double plant_rate = 0.0;                     ///< every kind of PlantedRuleKinds()
  double plant_frequent_visits = 0.0;          ///< frequent_visits only (3 months of ≥ 15 days)
  double plant_duplicate_prescriptions = 0.0;  ///< duplicate_medication only
  bool write_masters = false;                  ///< also write the synthetic masters and rule file
};

/// The kinds planted: check rule codes (T01 … K05) and list names (duplicate_visits …).
std::span<const std::string_view> PlantedRuleKinds();

/// One planted violation.
struct PlantedFinding {
  std::string id;    ///< "P000001"
  std::string rule;  ///< a check rule code ("T01" …) or a list ("frequent_visits" …)
  std::string file;  ///< the file of the receipt
  std::uint32_t receipt = 0;
  std::uint32_t line = 0;  ///< RE line
  std::string detail;
};

/// One file written.
struct SynthFile {
  std::string name;
  Table table = Table::kUnknown;
  std::uint64_t receipts = 0, lines = 0, bytes = 0;
  std::int64_t go_count = 0, go_points = 0;
};

struct SynthSummary {
  std::vector<SynthFile> files;
  std::vector<PlantedFinding> planted;
  std::uint64_t receipts = 0, lines = 0, bytes = 0;
  std::uint64_t outpatient = 0, inpatient = 0, dpc = 0, dental = 0, pharmacy = 0;
};

/// Generates the claims; `write(name, bytes)` receives each file, named by kind and
/// institution code: "ika-1000001.UKE" (医科), "dpc-1000009.UKE" (DPC hospital),
/// "shika-3000010.UKE" (歯科), "chozai-4000013.UKE" (調剤); with months > 1 the 請求年月
/// follows the code ("ika-1000001-202407.UKE"). With write_masters, also s_SYNTH.csv,
/// y_SYNTH.csv, b_SYNTH.txt, z_SYNTH.txt, ippanmei_SYNTH.csv and check_rules_synth.yaml.
SynthSummary GenerateClaims(const SynthOptions& options,
                            const std::function<void(const std::string&, std::string&&)>& write);

}  // namespace kokuho::claims
