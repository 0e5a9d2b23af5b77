// Keeping personal data out of messages: a salted hash that names a receipt by its
// 検索番号 without revealing it.
//
// Messages about receipts give the file, line and column and the receipt's レセプト番号.
// When the user gives a salt (--salt or KOKUHO_CLAIMS_SALT), they add the first 12 hex
// digits of HMAC-SHA-256(salt, 検索番号): the same receipt gets the same tag in every
// message and run with that salt, and the 17–30 digit number cannot be recovered by
// trying numbers without the salt.
//
//   std::string tag = SaltedHash("secret", "12345678901234567");  // "3f9a…" (12 hex)
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace kokuho::claims {

/// SHA-256 of `data` (FIPS 180-4).
std::array<std::uint8_t, 32> Sha256(std::string_view data);

/// HMAC-SHA-256 (RFC 2104) of `message` under `key`.
std::array<std::uint8_t, 32> HmacSha256(std::string_view key, std::string_view message);

/// The first 12 hex digits of HmacSha256(salt, value); empty when `salt` is empty.
std::string SaltedHash(std::string_view salt, std::string_view value);

}  // namespace kokuho::claims
