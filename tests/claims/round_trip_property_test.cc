// Property: random, valid 医科 files — any mix of HO/KO, 傷病名, SI/IY/TO/CO lines with random
// codes, amounts, comments, day counts and Japanese text — read back to exactly the records
// and values they were generated from, check clean (GO totals by the counting rule), and
// write back byte for byte, in CP932 or UTF-8, CRLF or LF.
#include <gtest/gtest.h>

#include <random>

#include "claims/parser.h"
#include "claims/submission.h"
#include "claims/writer.h"
#include "claims_test_util.h"

namespace kokuho::claims {
namespace {

struct GeneratedItem {
  std::string line;
  RecordCode type;
  int category;  // carried
  std::uint32_t code;
  int points;  // -1 none
  int count;
  std::vector<std::pair<int, int>> days;
};
struct GeneratedFile {
  std::vector<std::string> lines;
  std::vector<std::vector<GeneratedItem>> items;  // per receipt
  std::int64_t count = 0, points = 0;
};

class Gen {
 public:
  explicit Gen(std::uint64_t seed) : rng_(seed) {}
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Coin(double p = 0.5) { return std::bernoulli_distribution(p)(rng_); }
  std::string Text(int max_chars) {
    static const std::vector<std::string> kChars = {"テ", "ス", "ト", "花", "子", "髙", "﨑",
                                                    "ｶ",  "ﾅ",  "１", "Ａ", "　", "①",  "～",
                                                    "a",  "7",  "-",  "(",  ")"};
    std::string s;
    const int n = Int(0, max_chars);
    for (int i = 0; i < n; ++i) s += kChars[Int(0, static_cast<int>(kChars.size()) - 1)];
    return s;
  }
  std::string Code(char first) {
    std::string s(1, first);
    for (int i = 0; i < 8; ++i) s += static_cast<char>('0' + Int(0, 9));
    return s;
  }

  GeneratedFile File(int receipts) {
    GeneratedFile f;
    f.lines.push_back("IR,2,10,1,1234567,,テスト医院,202404,00,");
    f.items.resize(receipts);
    for (int r = 0; r < receipts; ++r) {
      const bool ho = Coin(0.85);
      const int ko = ho ? Int(0, 2) : Int(1, 4);
      const std::string type = std::string("11") + std::to_string((ho ? 1 : 0) + ko) + "2";
      f.lines.push_back(claims_test::Re(r + 1, ho ? type : "12" + std::to_string(ko) + "2",
                                        "202403", Text(8), Int(1, 2),
                                        "19" + std::to_string(Int(10, 99)) + "0101", Text(10)));
      const int ho_points = Int(0, 99999);
      if (ho)
        f.lines.push_back("HO,  100016," + Text(4) + "," + Text(6) + "," +
                          std::to_string(Int(1, 31)) + "," + std::to_string(ho_points) +
                          ",,,,,,,,,");
      int first_ko = -1;
      for (int k = 0; k < ko; ++k) {
        const int p = Int(0, 99999);
        if (k == 0) first_ko = p;
        f.lines.push_back("KO,54136015," + std::string(Coin() ? "1234567" : "") + ",," +
                          std::to_string(Int(1, 31)) + "," + std::to_string(p) + ",,,,,,");
      }
      f.count += (ho ? 1 : 0) + ko;
      f.points += ho ? ho_points : first_ko;
      for (int s = Int(0, 3); s > 0; --s)
        f.lines.push_back("SY," + Code('1').substr(0, 7) + ",202403" + std::to_string(Int(10, 28)) +
                          "," + std::to_string(Int(1, 4)) + ",,," + (Coin() ? "01" : "") + ",");
      int category = 0;
      for (int n = Int(0, 12); n > 0; --n) {
        GeneratedItem it;
        const int kind = Int(0, 3);
        const bool new_group = category == 0 || Coin(0.3);
        if (new_group)
          category = std::vector<int>{11, 12, 13, 21, 22, 23, 33, 40, 60, 80}[Int(0, 9)];
        it.category = category;
        const std::string cat = new_group ? std::to_string(category) : "";
        if (kind == 3) {  // CO
          it.type = RecordCodeOf("CO");
          it.code = 810000001;
          it.points = -1;
          it.count = -1;
          it.line = "CO," + cat + ",1,810000001," + Text(10);
        } else {
          it.type = kind == 0   ? RecordCodeOf("SI")
                    : kind == 1 ? RecordCodeOf("IY")
                                : RecordCodeOf("TO");
          const std::string code = Code(kind == 0 ? '1' : kind == 1 ? '6' : '7');
          it.code = static_cast<std::uint32_t>(std::stoul(code));
          it.points = Coin(0.6) ? Int(0, 9999999) : -1;
          it.count = Int(1, 40);
          int left = it.count;
          std::vector<int> day_counts(31, 0);
          while (left > 0) {
            const int d = Int(0, 30), c = std::min(left, Int(1, 5));
            day_counts[d] += c;
            left -= c;
          }
          for (int d = 0; d < 31; ++d)
            if (day_counts[d]) it.days.push_back({d + 1, day_counts[d]});
          std::string qty = kind == 0 ? (Coin() ? std::to_string(Int(1, 99999999)) : "")
                                      : std::to_string(Int(0, 99999)) +
                                            (Coin() ? "." + std::to_string(Int(1, 99999)) : "");
          std::string l = std::string(kind == 0   ? "SI"
                                      : kind == 1 ? "IY"
                                                  : "TO") +
                          "," + cat + ",1," + code + "," + qty + "," +
                          (it.points >= 0 ? std::to_string(it.points) : "") + "," +
                          std::to_string(it.count);
          if (kind == 2) l += "," + std::string(Coin() ? "1" : "") + ",,," + Text(6);
          for (int c = 0; c < 3; ++c) l += Coin(0.2) ? ",820000002," + Text(5) : ",,";
          for (int d = 0; d < 31; ++d)
            l += "," + (day_counts[d] ? std::to_string(day_counts[d]) : "");
          it.line = l;
        }
        f.lines.push_back(it.line);
        f.items[r].push_back(it);
      }
      if (Coin(0.1)) f.lines.push_back("SJ,01," + Text(30));
    }
    f.lines.push_back("GO," + std::to_string(f.count) + "," + std::to_string(f.points) + ",99");
    return f;
  }

 private:
  std::mt19937_64 rng_;
};

TEST(RoundTripProperty, RandomFilesReadBackExactly) {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    Gen g(seed);
    const GeneratedFile f = g.File(g.Int(1, 30));
    WriteOptions o;
    o.encoding = seed % 3 == 0 ? Encoding::kUtf8 : Encoding::kCp932;
    o.crlf = seed % 2 == 0;
    o.eof_marker = seed % 5 == 0;
    UkeWriter w(o);
    for (const std::string& l : f.lines) w.AddLine(l);
    const std::string bytes = w.Finish();

    const ParseResult r = ParseClaims(bytes, "random.UKE");
    for (const Diagnostic& d : r.diagnostics)
      ASSERT_NE(d.severity, Severity::kError) << "seed " << seed << ": " << d.ToString();
    ASSERT_EQ(r.batch.receipts.size(), f.items.size()) << seed;
    // Every line back as written.
    std::vector<std::string> read{r.file.header_records.front()};
    for (const Record& rec : r.batch.records) read.emplace_back(r.batch.RecordText(rec));
    read.push_back(r.file.trailer_records.front());
    EXPECT_EQ(read, f.lines) << seed;
    // Typed values as generated.
    for (std::size_t i = 0; i < f.items.size(); ++i) {
      const auto items = r.batch.ItemsOf(r.batch.receipts[i]);
      ASSERT_EQ(items.size(), f.items[i].size()) << seed;
      for (std::size_t k = 0; k < items.size(); ++k) {
        const GeneratedItem& g_it = f.items[i][k];
        EXPECT_EQ(items[k].type, g_it.type);
        EXPECT_EQ(items[k].category, g_it.category) << seed << " " << g_it.line;
        EXPECT_EQ(items[k].code, g_it.code);
        EXPECT_EQ(items[k].points, g_it.points);
        EXPECT_EQ(items[k].count, g_it.count);
        const auto days = r.batch.DaysOf(items[k]);
        ASSERT_EQ(days.size(), g_it.days.size());
        for (std::size_t d = 0; d < days.size(); ++d) {
          EXPECT_EQ(days[d].day, g_it.days[d].first);
          EXPECT_EQ(days[d].count, g_it.days[d].second);
        }
      }
    }
    // GO totals by the counting rule.
    std::vector<FileSummary> files{r.file};
    for (const Diagnostic& d : CheckSubmissions(files))
      ADD_FAILURE() << seed << ": " << d.ToString();
    EXPECT_EQ(r.file.counted, f.count);
    EXPECT_EQ(r.file.points, f.points);
    // And back to the same bytes.
    EXPECT_EQ(WriteUke(r.file, r.batch, o), bytes) << seed;
  }
}

}  // namespace
}  // namespace kokuho::claims
