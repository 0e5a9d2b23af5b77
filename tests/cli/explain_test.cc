// `kokuho explain` on the sample: the derivation names every step, and the figures it
// prints are the figures `kokuho nofukin --format json` reports.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "../cli_runner.h"

namespace {

using kokuho::testing::RunKokuho;

std::string FormatThousands(long long v) {
  std::string s = std::to_string(v), out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i && (s.size() - i) % 3 == 0) out += ',';
    out += s[i];
  }
  return out;
}

const std::string kCase = std::string(KOKUHO_SOURCE_DIR) + "/examples/gunma";

TEST(Explain, ShowsEveryStepWithFiguresMatchingTheJson) {
  int status = -1;
  std::string text = RunKokuho("explain " + kCase + " --municipality 102024 --part iryo", &status);
  ASSERT_EQ(status, 0) << text;
  for (const char* step :
       {"保険料収納必要総額", "納付金算定基礎額 C", "基礎額調整係数 γ", "シェア", "按分指標 w_i",
        "納付金基礎額 B_i", "個別加減算後の納付金", "激変緩和 (丈比べ)", "保険料収納必要額 S_i",
        "保険料賦課総額 F_i", "市町村標準保険料率", "都道府県標準保険料率", "根拠:", "端数処理:"})
    EXPECT_NE(text.find(step), std::string::npos) << step;
  auto json = nlohmann::json::parse(RunKokuho("nofukin " + kCase + " --format json"));
  for (const auto& m : json["municipalities"]) {
    if (m["code"] != "102024") continue;
    const long long total = m["nofukin_total"];
    EXPECT_NE(text.find("納付金計: " + FormatThousands(total) + "円"), std::string::npos);
    const long long per_capita = m["standard_rates"]["iryo"]["municipal"]["per_capita"];
    EXPECT_NE(text.find("均等割 " + FormatThousands(per_capita) + "円"), std::string::npos);
  }
}

TEST(Explain, AcceptsFiveDigitCodeAndRejectsUnknownOne) {
  int status = -1;
  RunKokuho("explain " + kCase + " -m 10202 -p shien", &status);
  EXPECT_EQ(status, 0);
  std::string err = RunKokuho("explain " + kCase + " -m 131016", &status);
  EXPECT_EQ(status, 1);
  EXPECT_NE(err.find("の市町村はこの事例にありません"), std::string::npos) << err;
}

}  // namespace
