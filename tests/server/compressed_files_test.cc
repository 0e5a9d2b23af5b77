// The web app's files compressed once (server/compressed_files.h): which Accept-Encoding values
// take gzip, and that the cached stream inflates back to the file, byte for byte.
#include "server/compressed_files.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>
#include <string>

namespace kokuho::server {
namespace {

std::string Gunzip(std::string_view gz) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);  // a gzip stream only
  std::string out;
  std::string chunk(1 << 16, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  z.avail_in = static_cast<uInt>(gz.size());
  int rc;
  do {
    z.next_out = reinterpret_cast<Bytef*>(chunk.data());
    z.avail_out = static_cast<uInt>(chunk.size());
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(chunk.data(), chunk.size() - z.avail_out);
  } while (rc == Z_OK);
  EXPECT_EQ(rc, Z_STREAM_END);
  inflateEnd(&z);
  return out;
}

TEST(CompressedFiles, AcceptEncodingValues) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));  // Chromium's
  EXPECT_TRUE(AcceptsGzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_TRUE(AcceptsGzip("x-gzip"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("identity"));
  EXPECT_FALSE(AcceptsGzip("br"));
  EXPECT_FALSE(AcceptsGzip("deflate, br"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip; q=0.000, br"));
  EXPECT_TRUE(AcceptsGzip("gzip;q=0.001"));
  EXPECT_FALSE(AcceptsGzip("gzipper"));
}

TEST(CompressedFiles, GzipOnceInflatesToTheContentAndIsKept) {
  // Text like the app's script (repetitive) and bytes that do not compress.
  static const std::string text = [] {
    std::string s;
    for (int i = 0; i < 20'000; ++i) s += "const x" + std::to_string(i % 97) + " = 納付金;\n";
    return s;
  }();
  static const std::string noise = [] {
    std::mt19937 rng(7);
    std::string s(100'000, '\0');
    for (char& c : s) c = static_cast<char>(rng());
    return s;
  }();
  for (const std::string* content : {&text, &noise}) {
    const std::string_view gz = GzipOnce(*content);
    ASSERT_GE(gz.size(), 18u);
    EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1f);  // gzip magic (RFC 1952)
    EXPECT_EQ(static_cast<unsigned char>(gz[1]), 0x8b);
    EXPECT_EQ(gz.substr(4, 4), std::string_view("\0\0\0\0", 4));  // mtime 0: same bytes each run
    EXPECT_EQ(Gunzip(gz), *content);
    const std::string_view again = GzipOnce(*content);
    EXPECT_EQ(again.data(), gz.data());  // computed once, then kept
  }
  EXPECT_LT(GzipOnce(text).size(), text.size() / 10);
}

}  // namespace
}  // namespace kokuho::server
