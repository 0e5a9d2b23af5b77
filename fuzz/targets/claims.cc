// レセ電 files (the claims reader, claims/parser.h): any bytes, fed in chunks whose size the
// first byte chooses (so that a line, a CRLF or a CP932 character split across two reads is
// tried), with small blocks handed on. Bad input is never an exception: every problem is a
// diagnostic, so the harness only checks that the counts add up.
#include <cstdlib>

#include "claims/parser.h"
#include "fuzz/fuzz_target.h"

KOKUHO_FUZZ_TARGET(claims) {
  if (size == 0) return;
  const std::size_t chunk = 1 + data[0] % 64;
  const std::string text = kokuho::fuzz::AsText(data + 1, size - 1);
  kokuho::claims::ParseOptions options;
  options.block_receipts = 3;
  options.max_diagnostics = 50;
  std::size_t blocks_seen = 0;
  options.on_block = [&](const kokuho::claims::ClaimBatch&) { ++blocks_seen; };
  kokuho::claims::Parser parser("fuzz.UKE", options);
  for (std::size_t at = 0; at < text.size(); at += chunk)
    parser.Feed(std::string_view(text).substr(at, chunk));
  parser.Finish();
  // The same bytes in one piece give the same summary (chunking must not change a result).
  const kokuho::claims::ParseResult whole = kokuho::claims::ParseClaims(text, "fuzz.UKE");
  if (whole.file.receipts_read != parser.summary().receipts_read) std::abort();
}
