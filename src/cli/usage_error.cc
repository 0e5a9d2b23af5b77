#include "cli/usage_error.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

namespace kokuho::cli {
namespace {

/// The text after `prefix` in `what`, or "" when `what` does not start with it.
std::string After(std::string_view what, std::string_view prefix) {
  return what.starts_with(prefix) ? std::string(what.substr(prefix.size())) : "";
}

/// The text before `marker` in `what`, or "" when it is absent.
std::string Before(std::string_view what, std::string_view marker) {
  const size_t at = what.find(marker);
  return at == std::string_view::npos ? "" : std::string(what.substr(0, at));
}

/// What went wrong, in Japanese, from CLI11's error kind and message (CLI/Error.hpp, 2.1).
std::string WhatJa(const CLI::Error& e) {
  // By type: CLI11 gives some errors the subcommand's name instead of the kind's.
  const std::string what = e.what();
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
    std::string args = After(what, "The following arguments were not expected: ");
    if (args.empty()) args = After(what, "The following argument was not expected: ");
    if (!args.empty() && args.starts_with("-"))
      return fmt::format("オプション {} は使えません", args);
    if (!args.empty()) return fmt::format("余分な引数 {} があります", args);
    return "余分な引数があります";
  }
  if (dynamic_cast<const CLI::RequiredError*>(&e)) {
    if (what.starts_with("A subcommand")) return "コマンド (levy、nofukin など) を指定してください";
    if (std::string option = Before(what, " is required"); !option.empty())
      return fmt::format("{} を指定してください", option);
    return "必要なオプションがありません";
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) {
    if (std::string option = Before(what, ": "); !option.empty())
      return fmt::format("{} の後に値がありません (または値の数が違います)", option);
    return "オプションの値の数が違います";
  }
  if (dynamic_cast<const CLI::ConversionError*>(&e) ||
      dynamic_cast<const CLI::ValidationError*>(&e)) {
    std::string option = Before(what, ": ");
    if (option.empty() || option.find(' ') != std::string::npos) {
      const std::string rest = After(what, "Could not convert: ");
      option = rest.substr(0, rest.find(" = "));
    }
    if (!option.empty() && option.find(' ') == std::string::npos)
      return fmt::format("{} の値が正しくありません", option);
    return "オプションの値が正しくありません";
  }
  if (dynamic_cast<const CLI::ExcludesError*>(&e)) {
    const std::string a = Before(what, " excludes ");
    const std::string b = After(what, a + " excludes ");
    if (!a.empty()) return fmt::format("{} と {} は一緒に使えません", a, b);
  }
  if (dynamic_cast<const CLI::RequiresError*>(&e)) {
    const std::string a = Before(what, " requires ");
    const std::string b = After(what, a + " requires ");
    if (!a.empty()) return fmt::format("{} には {} も必要です", a, b);
  }
  return "コマンドラインを読めません";
}

}  // namespace

std::string CommandPath(const CLI::App& app) {
  std::string path = "kokuho";
  const CLI::App* at = &app;
  for (;;) {
    const auto chosen = at->get_subcommands();
    if (chosen.empty()) break;
    at = chosen.front();
    path += " " + at->get_name();
  }
  return path;
}

std::string UsageErrorJa(const CLI::Error& e, const std::string& command) {
  const std::string_view what = e.what();
  // A check of our own (e.g. --year's) already speaks Japanese: shown as it is.
  const bool japanese = std::any_of(what.begin(), what.end(),
                                    [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  if (japanese) return fmt::format("{}。{} --help で使い方を表示します", what, command);
  return fmt::format("{}。{} --help で使い方を表示します (CLI11: {})", WhatJa(e), command, what);
}

}  // namespace kokuho::cli
