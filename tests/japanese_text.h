// A guard against English creeping back into what users read: JapaneseMessageProblem says
// why a user-facing message is not Japanese, or "" when it is.
//
// A message passes when it has a sentence in Japanese (at least one hiragana or katakana) and
// no English sentence outside parentheses and 「」: no run of four or more English words
// ("expected a date such", "is already the head"). Keys, paths, option names, file names and
// short terms (true / false, iryo, --help, members[0].age) stay allowed, and so does a
// library's own English kept in parentheses for a bug report ("(CLI11: …)").
//
//   EXPECT_EQ(JapaneseMessageProblem("members[0].age: 4月1日現在の年齢を…入力してください"), "");
//   EXPECT_NE(JapaneseMessageProblem("members[0].age: expected a whole number"), "");
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace kokuho::test {

/// The message without what is inside (), （）, 「」 and "" (nested pairs too).
inline std::string OutsideBrackets(std::string_view s) {
  std::string out;
  int depth = 0;
  bool in_quote = false;
  for (size_t i = 0; i < s.size();) {
    auto starts = [&](std::string_view t) { return s.substr(i, t.size()) == t; };
    if (starts("(") || starts("（") || starts("「")) {
      ++depth;
      i += starts("(") ? 1 : 3;
      continue;
    }
    if (depth > 0 && (starts(")") || starts("）") || starts("」"))) {
      --depth;
      i += starts(")") ? 1 : 3;
      out += ' ';
      continue;
    }
    if (s[i] == '"') {
      in_quote = !in_quote;
      ++i;
      out += ' ';
      continue;
    }
    if (depth == 0 && !in_quote) out += s[i];
    ++i;
  }
  return out;
}

/// Why `message` is not a Japanese message for a user, or "".
inline std::string JapaneseMessageProblem(std::string_view message) {
  bool kana = false;
  for (size_t i = 0; i + 2 < message.size(); ++i) {
    // Hiragana U+3041–U+309F and katakana U+30A0–U+30FF: E3 81 81 … E3 83 BF in UTF-8.
    const auto b0 = static_cast<unsigned char>(message[i]);
    const auto b1 = static_cast<unsigned char>(message[i + 1]);
    if (b0 == 0xE3 && (b1 == 0x81 || b1 == 0x82 || b1 == 0x83)) kana = true;
  }
  if (!kana) return "no Japanese sentence (no hiragana or katakana)";
  // Runs of English words outside brackets: a word is a token of ASCII letters only (an
  // article "a" too), maybe followed by , ; : or . — the last three end the run after it.
  const std::string outside = OutsideBrackets(message);
  int run = 0;
  std::string words;
  size_t i = 0;
  while (i < outside.size()) {
    while (i < outside.size() && outside[i] == ' ') ++i;
    size_t j = i;
    while (j < outside.size() && outside[j] != ' ') ++j;
    std::string token = outside.substr(i, j - i);
    i = j;
    if (token.empty()) continue;
    char end = 0;
    if (std::string_view(",;:.").find(token.back()) != std::string_view::npos) {
      end = token.back();
      token.pop_back();
    }
    bool word = !token.empty();
    for (char c : token) word = word && std::isalpha(static_cast<unsigned char>(c));
    if (!word) {
      run = 0;
      words.clear();
      continue;
    }
    ++run;
    words += (words.empty() ? "" : " ") + token;
    if (run >= 4) return "an English sentence: \"" + words + "\"";
    if (end != 0 && end != ',') {
      run = 0;
      words.clear();
    }
  }
  return "";
}

}  // namespace kokuho::test
