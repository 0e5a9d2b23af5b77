#include "json_path.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace kokuho::cases {
namespace {

// A value as the text a case would write for it (strings bare, numbers as JSON prints them).
std::string AsText(const nlohmann::json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

std::string Describe(const nlohmann::json& v) {
  std::string d = v.dump();
  if (d.size() > 120) d = d.substr(0, 117) + "...";
  return std::string(v.type_name()) + " " + d;
}

bool AllDigits(const std::string& s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit((unsigned char)c); });
}

}  // namespace

const nlohmann::json* FindJsonPath(const nlohmann::json& doc, const std::string& path,
                                   std::string* why, nlohmann::json* scratch) {
  const nlohmann::json* at = &doc;
  std::string walked;
  size_t i = 0;
  auto fail = [&](const std::string& what) -> const nlohmann::json* {
    *why = "at '" + (walked.empty() ? std::string("(top)") : walked) + "': " + what;
    return nullptr;
  };
  while (i < path.size()) {
    if (path[i] == '.') {
      ++i;
      continue;
    }
    if (path[i] == '[') {
      const size_t close = path.find(']', i);
      if (close == std::string::npos) return fail("'[' without ']' in the path");
      const std::string sel = path.substr(i + 1, close - i - 1);
      if (!at->is_array())
        return fail("expected an array for [" + sel + "], found " + Describe(*at));
      const size_t eq = sel.find('=');
      if (eq == std::string::npos) {
        if (!AllDigits(sel)) return fail("[" + sel + "]: expected an index or key=value");
        const size_t n = std::stoul(sel);
        if (n >= at->size())
          return fail("index " + sel + " past the end (" + std::to_string(at->size()) +
                      " elements)");
        at = &(*at)[n];
      } else {
        const std::string key = sel.substr(0, eq), value = sel.substr(eq + 1);
        const nlohmann::json* found = nullptr;
        for (const auto& el : *at)
          if (el.is_object() && el.contains(key) && AsText(el[key]) == value) {
            found = &el;
            break;
          }
        if (found == nullptr) return fail("no element with " + key + " = " + value);
        at = found;
      }
      walked += "[" + sel + "]";
      i = close + 1;
      continue;
    }
    size_t end = i;
    while (end < path.size() && path[end] != '.' && path[end] != '[') ++end;
    const std::string key = path.substr(i, end - i);
    if (key == "#") {
      if (!at->is_array() && !at->is_object())
        return fail("# counts an array or object, found " + Describe(*at));
      *scratch = at->size();
      at = scratch;
    } else {
      if (!at->is_object())
        return fail("expected an object for key '" + key + "', found " + Describe(*at));
      auto it = at->find(key);
      if (it == at->end()) {
        std::string keys;
        for (const auto& [k, v] : at->items()) keys += (keys.empty() ? "" : ", ") + k;
        if (keys.size() > 200) keys = keys.substr(0, 197) + "...";
        return fail("no key '" + key + "' (keys: " + keys + ")");
      }
      at = &*it;
    }
    walked += (walked.empty() ? "" : ".") + key;
    i = end;
  }
  return at;
}

std::string MatchJsonValue(const nlohmann::json& actual, const std::string& expected, bool quoted) {
  if (quoted) {
    if (!actual.is_string())
      return "expected the text \"" + expected + "\", found " + Describe(actual) +
             (actual.is_number() ? " (write it without quotes)" : "");
    if (actual.get<std::string>() != expected)
      return "expected \"" + expected + "\", found \"" + actual.get<std::string>() + "\"";
    return "";
  }
  if (expected == "null" || expected == "~")
    return actual.is_null() ? "" : "expected null, found " + Describe(actual);
  if (expected == "true" || expected == "false") {
    if (actual.is_boolean() && actual.get<bool>() == (expected == "true")) return "";
    return "expected " + expected + ", found " + Describe(actual);
  }
  std::string number = expected;
  static const std::regex grouped("-?[0-9]{1,3}(,[0-9]{3})+");
  if (std::regex_match(number, grouped))
    number.erase(std::remove(number.begin(), number.end(), ','), number.end());
  if (!actual.is_number())
    return "expected the number " + expected + ", found " + Describe(actual) +
           (actual.is_string() ? " (write it in quotes)" : "");
  if (actual.dump() != number) return "expected " + expected + ", found " + actual.dump();
  return "";
}

}  // namespace kokuho::cases
