// Small レセ電 files for the check and list tests, written line by line so a reviewer can
// read each case: a 医科 file of receipts, a 調剤 file, and their check view.
//
//   MedFile f("1000001", 202406);
//   f.Add(Person{}, "202405").Sy("2500013", "20240401", 1).Si("12", "112007410", 75, {3, 17});
//   ViewOf({f.Bytes(), …}) → CheckMonth
#pragma once

#include <fmt/format.h>

#include <string>
#include <vector>

#include "claims/check_view.h"
#include "claims/parser.h"
#include "claims/writer.h"

namespace kokuho::check_test {

struct Person {
  std::string insurer = "  100016";
  std::string symbol = "１２";
  std::string number = "３４５６";
  std::string birth = "19600101";
  int sex = 1;
  std::string name = "テスト　太郎";
};

/// Days as the 31 day fields of an SI/IY line (each listed day counts `each`).
inline std::string DayFields(const std::vector<int>& days, int each = 1) {
  std::string s;
  for (int d = 1; d <= 31; ++d) {
    int c = 0;
    for (int x : days) c += x == d ? each : 0;
    s += "," + (c ? std::to_string(c) : std::string());
  }
  return s;
}

class MedFile {
 public:
  MedFile(std::string institution, int billing, std::string name = "テスト医院")
      : institution_(std::move(institution)), billing_(billing), name_(std::move(name)) {}

  /// Starts a receipt: 種別 (1112 外来, 1111 入院 …), 診療年月, 入院年月日, 特記事項, 実日数.
  MedFile& Add(const Person& p, const std::string& month, const std::string& type = "1112",
               const std::string& admission = "", const std::string& tokki = "", int days = 1,
               const std::string& work_related = "", const std::string& burden = "") {
    std::vector<std::string> f(38);
    f[0] = "RE";
    f[1] = std::to_string(++count_);
    f[2] = type;
    f[3] = month;
    f[4] = p.name;
    f[5] = std::to_string(p.sex);
    f[6] = p.birth;
    f[8] = admission;
    f[11] = tokki;
    f[36] = "テストタロウ";
    std::string re;
    for (std::size_t i = 0; i < f.size(); ++i) re += (i ? "," : "") + f[i];
    lines_.push_back(re);
    // HO: 保険者番号, 記号, 番号, 実日数, 合計点数 100, …, [9] 職務上の事由, [11] 負担金額.
    lines_.push_back(fmt::format("HO,{},{},{},{},{},,,,{},,{},,,", p.insurer, p.symbol, p.number,
                                 days, 100, work_related, burden));
    points_ += 100;
    return *this;
  }
  MedFile& Sy(const std::string& code, const std::string& start, int outcome, bool main = true,
              const std::string& modifiers = "") {
    lines_.push_back(
        fmt::format("SY,{},{},{},{},,{},", code, start, outcome, modifiers, main ? "01" : ""));
    return *this;
  }
  /// An SI line that closes its own 算定単位: 点数 × (number of days × each).
  MedFile& Si(const std::string& category, const std::string& code, int points,
              const std::vector<int>& days, int each = 1) {
    lines_.push_back(fmt::format("SI,{},1,{},,{},{},,,,,,{}", category, code, points,
                                 days.size() * each, DayFields(days, each)));
    return *this;
  }
  /// A 院内 IY line (内服 21: 回数 = 日分 on one day).
  MedFile& Iy(const std::string& category, const std::string& code, const std::string& qty,
              int points, int day, int supply) {
    lines_.push_back(fmt::format("IY,{},1,{},{},{},{},,,,,,{}", category, code, qty, points, supply,
                                 DayFields({day}, supply)));
    return *this;
  }
  std::string Name() const { return fmt::format("ika-{}-{}.UKE", institution_, billing_); }
  std::string Bytes() const {
    claims::UkeWriter w;
    w.AddLine(fmt::format("IR,2,10,1,{},,{},{},00,", institution_, name_, billing_));
    for (const std::string& l : lines_) w.AddLine(l);
    w.AddLine(fmt::format("GO,{},{},99", count_, points_));
    return w.Finish();
  }

 private:
  std::string institution_;
  int billing_;
  std::string name_;
  std::vector<std::string> lines_;
  int count_ = 0;
  long long points_ = 0;
};

class PharmacyFile {
 public:
  PharmacyFile(std::string pharmacy, int billing)
      : pharmacy_(std::move(pharmacy)), billing_(billing) {}
  /// A 調剤 receipt from `prescriber`: each drug is one 剤 (SH, CZ, IY) dispensed on `day`.
  struct Drug {
    std::string code;
    std::string qty;  // 使用量 (1日量)
    int days;         // 調剤数量
    int points_per_day;
  };
  PharmacyFile& Add(const Person& p, const std::string& month, const std::string& prescriber,
                    int rx_day, int dispense_day, const std::vector<Drug>& drugs) {
    std::vector<std::string> f(42);
    f[0] = "RE";
    f[1] = std::to_string(++count_);
    f[2] = "4112";
    f[3] = month;
    f[4] = p.name;
    f[5] = std::to_string(p.sex);
    f[6] = p.birth;
    f[9] = "10";
    f[10] = "1";
    f[11] = prescriber;
    std::string re;
    for (std::size_t i = 0; i < f.size(); ++i) re += (i ? "," : "") + f[i];
    lines_.push_back(re);
    long long points = 45;
    std::vector<std::string> body;
    int rp = 0;
    const int mm = std::stoi(month) % 100;
    for (const Drug& d : drugs) {
      const long long drug_points = static_cast<long long>(d.points_per_day) * d.days;
      points += 24 + drug_points;
      body.push_back(fmt::format("SH,{},1,,,{},,,,", ++rp, d.points_per_day));
      body.push_back(fmt::format("CZ,1,{:02}{:02},{:02}{:02},1,{},1,1,,420000110,24,,,{}{}", mm,
                                 rx_day, mm, dispense_day, d.days, drug_points,
                                 std::string(40, ',')));
      body.push_back(fmt::format("IY,1,{},{},,,,,,", d.code, d.qty));
    }
    body.push_back("KI,1,410000110,45");
    lines_.push_back(
        fmt::format("HO,{},{},{},1,{},,,,,,,,", p.insurer, p.symbol, p.number, points));
    for (const std::string& l : body) lines_.push_back(l);
    points_ += points;
    return *this;
  }
  std::string Name() const { return fmt::format("chozai-{}-{}.UKE", pharmacy_, billing_); }
  std::string Bytes() const {
    claims::UkeWriter w;
    w.AddLine(fmt::format("YK,2,10,4,{},テスト薬局,{},00,", pharmacy_, billing_));
    for (const std::string& l : lines_) w.AddLine(l);
    w.AddLine(fmt::format("GO,{},{},99", count_, points_));
    return w.Finish();
  }

 private:
  std::string pharmacy_;
  int billing_;
  std::vector<std::string> lines_;
  int count_ = 0;
  long long points_ = 0;
};

/// The check view of some files (name, bytes), as `claims check` builds it from a store.
inline claims::CheckMonth ViewOf(const std::vector<std::pair<std::string, std::string>>& files,
                                 claims::InstitutionTable& institutions,
                                 claims::ViewOptions options = {}) {
  claims::CheckMonth m;
  for (const auto& [name, bytes] : files) {
    claims::ParseResult r = claims::ParseClaims(bytes, name);
    claims::AddToView(r.batch, std::span<const claims::FileSummary>(&r.file, 1), institutions,
                      options, m);
  }
  return m;
}

}  // namespace kokuho::check_test
