// Record layouts of レセ電 (レセプト電算処理システム) files: which record types each 点数表
// knows and how many comma-separated fields each has.
//
// A レセ電 line is a two-letter record type followed by its fields ("SI,11,1,111000110,…").
// The layout table says, per 点数表 (医科 / 歯科 / 調剤) and record type, the field count of
// the current 記録条件仕様 and whether that count is confirmed against a real file or the
// official text. A confirmed count that differs is an error (a field dropped or added); an
// unconfirmed one is a warning, so that a real file in a layout we could not check is not
// quarantined for our ignorance. `min_fields` is the count the parser needs to read the
// positions it interprets; fewer is always an error.
//
//   const RecordLayout* l = FindLayout(Table::kMedical, RecordCode("SI"));
//   // l->fields == 44, l->confirmed == true, l->name == "診療行為"
//
// Sources (docs/claims-format.md has the full list): the receiptisan sample
// RECEIPTC_GAIRAI_SAMPLE.UKE (field counts IR 10, RE 38, HO 15, KO 12, SN 9, SY 8, SI 44,
// IY 44, CO 5, GO 4, checked on every line of the file) and receiptisan record.rb (TO 48,
// SJ 3, transcribing the 記録条件仕様 医科用); the ORCA samples in sosuke-hirayama/uke-parser
// (same counts); meddatum include/rezept_dpc.hrl (DPC, H2x spec, unconfirmed for today);
// uke-parser uke_parser_chozai.rb and uke/shika_shaho.csv (調剤 and 歯科, older specs,
// unconfirmed).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace kokuho::claims {

/// 点数表 of a file: 1 医科 (DPC files too: they are 医科 files with DPC records), 3 歯科,
/// 4 調剤 (the codes of 別表3 点数表コード).
enum class Table : std::uint8_t { kUnknown = 0, kMedical = 1, kDental = 3, kPharmacy = 4 };

/// The Japanese name of a 点数表 ("医科", "歯科", "調剤", "不明").
std::string_view TableName(Table t);

/// A record type: the two ASCII letters of field 0 packed into 16 bits ("SI" → 0x5349).
using RecordCode = std::uint16_t;

/// Packs a two-letter record type. Any two bytes pack; IsRecordCodeText says whether
/// they look like a record type at all.
constexpr RecordCode MakeRecordCode(char a, char b) {
  return static_cast<RecordCode>((static_cast<std::uint8_t>(a) << 8) |
                                 static_cast<std::uint8_t>(b));
}
/// MakeRecordCode of a two-character literal: RecordCodeOf("SI").
constexpr RecordCode RecordCodeOf(const char (&s)[3]) { return MakeRecordCode(s[0], s[1]); }
/// Whether `text` is two uppercase ASCII letters or digits, the shape of a record type.
bool IsRecordCodeText(std::string_view text);

/// One record type of one 点数表.
struct RecordLayout {
  RecordCode code = 0;
  Table table = Table::kUnknown;
  std::uint16_t fields = 0;      ///< field count incl. the type; 0 = not known
  std::uint16_t min_fields = 1;  ///< fewest fields the parser can read positions from
  bool confirmed = false;        ///< `fields` checked against a real file / the spec text
  std::string_view name;         ///< Japanese name ("診療行為")
};

/// The layout of `code` in `table`, or nullptr when the type is not a record of that
/// 点数表 (an unknown record type: kept raw with a warning).
const RecordLayout* FindLayout(Table table, RecordCode code);

/// Every layout, for documentation and tests.
std::span<const RecordLayout> AllLayouts();

/// The record type as text ("SI"); non-printable bytes as '?'.
std::string_view RecordCodeText(RecordCode code, char (&buffer)[3]);

}  // namespace kokuho::claims
