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
// Planting: SynthOptions asks for violations at given rates; each planted case is written
// into the files like any receipt and listed in SynthSummary::planted (rule, file, receipt,
// line), so that a check's recall can be measured. Two kinds exist so far: frequent visits
// (頻回受診: an 外来 receipt with ≥ 15 実日数) and duplicate prescriptions (重複処方: the same
// drug from two institutions for one person in the month).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
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
  // Planted violations (rates per eligible receipt / person).
  double plant_frequent_visits = 0.0;          ///< share of 外来 receipts given ≥ 15 days
  double plant_duplicate_prescriptions = 0.0;  ///< share of 院外処方 persons given a 2nd one
};

/// One planted violation.
struct PlantedFinding {
  std::string id;    ///< "P000001"
  std::string rule;  ///< "frequent_visits", "duplicate_prescription"
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
/// "shika-3000010.UKE" (歯科), "chozai-4000013.UKE" (調剤).
SynthSummary GenerateClaims(const SynthOptions& options,
                            const std::function<void(const std::string&, std::string&&)>& write);

}  // namespace kokuho::claims
