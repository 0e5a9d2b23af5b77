// Helpers shared by the claims tests: the bundled real sample, and small レセ電 files built
// from UTF-8 lines.
//
//   std::string bytes = claims_test::SampleBytes();             // RECEIPTC_GAIRAI_SAMPLE.UKE
//   std::string uke = claims_test::Uke({"IR,…", "RE,…", …});     // CP932, CRLF
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "claims/writer.h"

namespace kokuho::claims_test {

inline std::string DataPath(const std::string& name) {
  return std::string(KOKUHO_SOURCE_DIR) + "/tests/data/claims/" + name;
}

inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The real 医科 sample (receiptisan, MIT; tests/data/claims/SOURCE.md).
inline std::string SampleBytes() { return ReadAll(DataPath("RECEIPTC_GAIRAI_SAMPLE.UKE")); }

/// UTF-8 lines written as a レセ電 file (CP932, CRLF).
inline std::string Uke(const std::vector<std::string>& lines) {
  claims::UkeWriter w;
  for (const std::string& l : lines) w.AddLine(l);
  return w.Finish();
}

/// An SI line: 識別, 負担区分, code, 点数 ("" for none), 回数, and the day that carries the
/// 回数 (1–31).
inline std::string Si(const std::string& category, const std::string& code,
                      const std::string& points, int count, int day) {
  std::string s =
      "SI," + category + ",1," + code + ",," + points + "," + std::to_string(count) + ",,,,,,";
  for (int d = 1; d <= 31; ++d) s += "," + (d == day ? std::to_string(count) : std::string());
  return s;
}

/// An RE line of the 医科 layout (38 fields): レセプト番号, 種別, 診療年月, 氏名, 男女, 生年月日,
/// カタカナ氏名; the other fields empty.
inline std::string Re(int number, const std::string& type, const std::string& month,
                      const std::string& name, int sex, const std::string& birth,
                      const std::string& kana) {
  std::vector<std::string> f(38);
  f[0] = "RE";
  f[1] = std::to_string(number);
  f[2] = type;
  f[3] = month;
  f[4] = name;
  f[5] = std::to_string(sex);
  f[6] = birth;
  f[36] = kana;
  std::string s;
  for (std::size_t i = 0; i < f.size(); ++i) s += (i ? "," : "") + f[i];
  return s;
}

/// A minimal valid 医科 file of one 国保 receipt (HO only): 初診料 288 点 on the 5th.
/// 総件数 1, 総合計点数 288.
inline std::vector<std::string> OneReceiptLines() {
  return {"IR,2,10,1,1234567,,テスト医院,202404,00,",
          Re(1, "1112", "202403", "テスト　太郎", 1, "19700101", "テストタロウ"),
          "HO,  100016,１２,３４,1,288,,,,,,,,,",
          "SY,2500013,20240301,1,,,01,",
          Si("11", "111000110", "288", 1, 5),
          "GO,1,288,99"};
}

}  // namespace kokuho::claims_test
