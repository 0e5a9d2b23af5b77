// The .kclm claims store: what is written is read back identical, block by block; a damaged
// or crafted file is an InputError naming a byte offset, never a read outside the file.
#include <gtest/gtest.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <random>

#include "../io/io_test_util.h"
#include "claims/parser.h"
#include "claims/writer.h"
#include "claims_test_util.h"
#include "readers/claims/claims_store.h"

namespace kokuho {
namespace {

using claims::ClaimBatch;

void ExpectSameBatch(const ClaimBatch& a, const ClaimBatch& b) {
  EXPECT_EQ(a.text, b.text);
  ASSERT_EQ(a.records.size(), b.records.size());
  for (std::size_t i = 0; i < a.records.size(); ++i) {
    EXPECT_EQ(a.records[i].text_offset, b.records[i].text_offset);
    EXPECT_EQ(a.records[i].text_size, b.records[i].text_size);
    EXPECT_EQ(a.records[i].line, b.records[i].line);
    EXPECT_EQ(a.records[i].type, b.records[i].type);
    EXPECT_EQ(a.records[i].field_count, b.records[i].field_count);
  }
  ASSERT_EQ(a.receipts.size(), b.receipts.size());
  for (std::size_t i = 0; i < a.receipts.size(); ++i) {
    const claims::Receipt &x = a.receipts[i], &y = b.receipts[i];
    EXPECT_TRUE(x.file == y.file && x.first_record == y.first_record &&
                x.record_count == y.record_count && x.first_item == y.first_item &&
                x.item_count == y.item_count && x.first_diagnosis == y.first_diagnosis &&
                x.diagnosis_count == y.diagnosis_count && x.number == y.number &&
                x.type == y.type && x.month == y.month && x.birth_date == y.birth_date &&
                x.admission_date == y.admission_date && x.sex == y.sex &&
                x.has_insurance == y.has_insurance && x.kohi_count == y.kohi_count &&
                x.claim_count == y.claim_count && x.insurance_points == y.insurance_points &&
                x.insurance_days == y.insurance_days && x.primary_points == y.primary_points &&
                std::equal(x.kohi_points, x.kohi_points + 4, y.kohi_points))
        << i;
  }
  ASSERT_EQ(a.items.size(), b.items.size());
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    const claims::Item &x = a.items[i], &y = b.items[i];
    EXPECT_TRUE(x.receipt == y.receipt && x.record == y.record && x.type == y.type &&
                x.category == y.category && x.burden == y.burden && x.code == y.code &&
                x.quantity == y.quantity && x.points == y.points && x.count == y.count &&
                x.unit == y.unit && x.first_day == y.first_day && x.day_count == y.day_count)
        << i;
  }
  ASSERT_EQ(a.days.size(), b.days.size());
  for (std::size_t i = 0; i < a.days.size(); ++i) {
    EXPECT_EQ(a.days[i].day, b.days[i].day);
    EXPECT_EQ(a.days[i].count, b.days[i].count);
  }
  ASSERT_EQ(a.diagnoses.size(), b.diagnoses.size());
  for (std::size_t i = 0; i < a.diagnoses.size(); ++i) {
    EXPECT_EQ(a.diagnoses[i].code, b.diagnoses[i].code);
    EXPECT_EQ(a.diagnoses[i].start_date, b.diagnoses[i].start_date);
  }
  EXPECT_EQ(a.quarantine_bytes, b.quarantine_bytes);
  ASSERT_EQ(a.quarantine.size(), b.quarantine.size());
  for (std::size_t i = 0; i < a.quarantine.size(); ++i) {
    EXPECT_EQ(a.quarantine[i].first_line, b.quarantine[i].first_line);
    EXPECT_EQ(a.quarantine[i].reasons.size(), b.quarantine[i].reasons.size());
  }
}

// The sample read in blocks of 20 receipts, with one receipt broken (quarantined).
struct Written {
  std::vector<ClaimBatch> blocks;
  claims::FileSummary file;
  std::vector<claims::Diagnostic> diagnostics;
};
Written WriteSample(const std::string& path) {
  std::string bytes = claims_test::SampleBytes();
  const std::size_t at = bytes.find("SI,50,1,150183410,,7000,");
  bytes[at + 20] = 'O';  // receipt 3 quarantined
  Written w;
  ClaimsStoreWriter writer(path);
  claims::ParseOptions o;
  o.block_receipts = 20;
  o.on_block = [&](const ClaimBatch& b) {
    w.blocks.push_back(b);
    writer.WriteBlock(b);
  };
  claims::Parser p("SAMPLE.UKE", o);
  p.Feed(bytes);
  p.Finish();
  w.file = p.summary();
  w.diagnostics = p.diagnostics();
  writer.Finish({w.file}, w.diagnostics);
  return w;
}

// LeadingFields (the check view's reader of a few leading fields) gives exactly the first k
// fields that Fields gives, on random records with and without the insurer-side prefix,
// empty fields, and a trailing comma.
TEST(ClaimBatchFields, LeadingFieldsArePrefixOfFields) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 2000; ++trial) {
    claims::ClaimBatch b;
    std::string text;
    const int n = static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) {
      if (i) text += ',';
      const int len = static_cast<int>(rng() % 4);
      for (int k = 0; k < len; ++k) text += static_cast<char>('a' + rng() % 3);
    }
    b.text = text;
    claims::Record r;
    r.text_size = static_cast<std::uint32_t>(text.size());
    r.prefix_fields = static_cast<std::uint8_t>(rng() % 2 ? 3 : 0);
    std::array<std::string_view, 64> all{}, lead{};
    const std::size_t total = b.Fields(r, all);
    for (std::size_t k = 0; k <= 14; ++k) {
      const std::size_t got = b.LeadingFields(r, std::span(lead).first(k));
      ASSERT_EQ(got, std::min(k, total)) << text << " k=" << k;
      for (std::size_t i = 0; i < got; ++i) ASSERT_EQ(lead[i], all[i]) << text << " " << i;
    }
  }
}

TEST(ClaimsStore, RoundTrip) {
  io_test::TempDir dir;
  const std::string path = dir.Path("claims-202111.kclm");
  const Written w = WriteSample(path);
  ASSERT_EQ(w.blocks.size(), 4u);  // 74 accepted: 20, 20, 20, 14
  const ClaimsStore s = ClaimsStore::Open(path);
  ASSERT_EQ(s.blocks(), 4u);
  EXPECT_EQ(s.info().receipts, 74u);
  EXPECT_EQ(s.info().quarantined, 1u);
  ASSERT_EQ(s.info().files.size(), 1u);
  EXPECT_EQ(s.info().files[0].go_count, 140);
  EXPECT_EQ(s.info().files[0].header_records, w.file.header_records);
  EXPECT_EQ(s.info().diagnostics.size(), w.diagnostics.size());
  for (std::size_t b = 0; b < s.blocks(); ++b) ExpectSameBatch(s.ReadBlock(b), w.blocks[b]);
  // From the store back to text: the accepted receipts and the quarantined bytes give the
  // file again (receipt 3's lines sit in the quarantine in their original bytes).
  std::string rebuilt;
  for (std::size_t b = 0; b < s.blocks(); ++b) {
    const ClaimBatch batch = s.ReadBlock(b);
    for (const auto& q : batch.quarantine)
      EXPECT_EQ(batch.quarantine_bytes.substr(q.bytes_offset, 4), "RE,3");
  }
  // Re-writing gives the same bytes (outputs byte-identical on re-run).
  const std::string again = dir.Path("again.kclm");
  WriteSample(again);
  EXPECT_EQ(io_test::ReadBytes(path), io_test::ReadBytes(again));
}

TEST(ClaimsStore, EmptyStore) {
  io_test::TempDir dir;
  {
    ClaimsStoreWriter w(dir.Path("e.kclm"));
    w.Finish({}, {});
  }
  const ClaimsStore s = ClaimsStore::Open(dir.Path("e.kclm"));
  EXPECT_EQ(s.blocks(), 0u);
  EXPECT_EQ(s.info().receipts, 0u);
}

// Opens and reads every block; returns the InputError message, or "" when it all reads.
std::string TryRead(const std::string& path) {
  try {
    const ClaimsStore s = ClaimsStore::Open(path);
    for (std::size_t b = 0; b < s.blocks(); ++b) s.ReadBlock(b);
    return "";
  } catch (const InputError& e) {
    return e.message();
  }
}

template <typename T>
void Patch(std::string& bytes, std::size_t at, T v) {
  std::memcpy(bytes.data() + at, &v, sizeof v);
}

TEST(ClaimsStore, CraftedHeadersAreRefused) {
  io_test::TempDir dir;
  const std::string path = dir.Path("s.kclm");
  WriteSample(path);
  const std::string good = io_test::ReadBytes(path);
  const std::size_t t = good.size() - 64;  // the trailer
  auto check = [&](const std::string& bytes, const char* expect) {
    io_test::WriteBytes(dir.Path("bad.kclm"), bytes);
    const std::string m = TryRead(dir.Path("bad.kclm"));
    EXPECT_NE(m, "") << expect;
    EXPECT_NE(m.find(expect), std::string::npos) << m;
  };
  std::string b = good;
  b[0] = 'X';
  check(b, "KOKUHOCLM");
  check(good.substr(0, 100), "途中で切れています");
  check(good.substr(0, good.size() - 1), "trailer");
  b = good;
  Patch<std::uint64_t>(b, t + 16, ~0ull);  // meta offset far beyond the file
  check(b, "metadata offset");
  b = good;
  Patch<std::uint64_t>(b, t + 24, ~0ull - 5);  // meta size that would wrap
  check(b, "metadata size");
  b = good;
  Patch<std::uint64_t>(b, t + 40, (1ull << 62) + 1);  // directory count × 64 would wrap
  check(b, "directory");
  b = good;
  b[t - 70] ^= 1;  // inside the directory
  check(b, "checksum");
}

TEST(ClaimsStore, CraftedColumnsAreRefused) {
  // Forge a directory entry (and re-sign the directory checksum, as an attacker could):
  // huge counts, offsets past the columns, and wrapping products must all be caught.
  io_test::TempDir dir;
  const std::string path = dir.Path("s.kclm");
  WriteSample(path);
  const std::string good = io_test::ReadBytes(path);
  const std::size_t t = good.size() - 64;
  std::uint64_t dir_offset, dir_count;
  std::memcpy(&dir_offset, good.data() + t + 32, 8);
  std::memcpy(&dir_count, good.data() + t + 40, 8);
  auto resign = [&](std::string& bytes) {
    const std::uint64_t sum = XXH3_64bits(bytes.data() + dir_offset, dir_count * 64);
    Patch<std::uint64_t>(bytes, t + 56, sum);
  };
  auto forge = [&](std::size_t entry, std::size_t field, std::uint64_t value) {
    std::string bytes = good;
    Patch<std::uint64_t>(bytes, dir_offset + entry * 64 + field, value);
    resign(bytes);
    io_test::WriteBytes(dir.Path("bad.kclm"), bytes);
    return TryRead(dir.Path("bad.kclm"));
  };
  for (std::size_t e = 0; e < dir_count; e += 7) {
    EXPECT_NE(forge(e, 32, ~0ull / 2), "") << e;         // count
    EXPECT_NE(forge(e, 32, (1ull << 61) + 3), "") << e;  // count × 8 wraps
    EXPECT_NE(forge(e, 40, ~0ull - 63), "") << e;        // offset
    std::uint64_t count, offset;
    std::memcpy(&count, good.data() + dir_offset + e * 64 + 32, 8);
    std::memcpy(&offset, good.data() + dir_offset + e * 64 + 40, 8);
    std::uint8_t element = static_cast<std::uint8_t>(good[dir_offset + e * 64 + 29]);
    const std::size_t bytes = static_cast<std::size_t>(count * element);
    // Pointing at another column's bytes fails its checksum — unless those bytes happen to be
    // the same (e.g. zeros of another block's receipt.file), which reads the same data.
    if (count > 0 && good.compare(64, bytes, good, offset, bytes) != 0) {
      EXPECT_NE(forge(e, 40, 64), "") << e;
    }
  }
  // A receipt owning items beyond its block: re-sign the receipt.item_count column.
  std::string bytes = good;
  // Find the first "receipt.item_count" entry.
  for (std::size_t e = 0; e < dir_count; ++e) {
    const char* name = bytes.data() + dir_offset + e * 64;
    if (std::string(name) != "receipt.item_count") continue;
    std::uint64_t offset;
    std::memcpy(&offset, name + 40, 8);
    Patch<std::uint32_t>(bytes, offset, 1000000);
    std::uint64_t count;
    std::memcpy(&count, name + 32, 8);
    Patch<std::uint64_t>(bytes, dir_offset + e * 64 + 48,
                         XXH3_64bits(bytes.data() + offset, count * 4));
    break;
  }
  resign(bytes);
  io_test::WriteBytes(dir.Path("bad.kclm"), bytes);
  const std::string m = TryRead(dir.Path("bad.kclm"));
  EXPECT_TRUE(m.find("items outside the block") != std::string::npos ||
              m.find("not owned by any receipt") != std::string::npos)
      << m;
}

TEST(ClaimsStore, RandomByteFlipsNeverCrash) {
  // Flip random bytes anywhere: Open/ReadBlock either throw InputError or — when the flip
  // hit padding — read the same data. Run under the sanitizers by the fuzz helper.
  io_test::TempDir dir;
  const std::string path = dir.Path("s.kclm");
  WriteSample(path);
  const std::string good = io_test::ReadBytes(path);
  std::mt19937_64 rng(20261207);
  int refused = 0;
  for (int i = 0; i < 300; ++i) {
    std::string b = good;
    const std::size_t at = rng() % b.size();
    b[at] = static_cast<char>(b[at] ^ (1 + rng() % 255));
    io_test::WriteBytes(dir.Path("f.kclm"), b);
    if (TryRead(dir.Path("f.kclm")) != "") ++refused;
  }
  EXPECT_GT(refused, 200);
}

}  // namespace
}  // namespace kokuho
