// Usage errors in Japanese: what CLI11 refuses on the command line (an unknown option, a
// missing value, a value out of range) said in words a user of the CLI reads, with the fix
// (the command's --help) and CLI11's own English in parentheses for a search or a bug report.
//
//   try { app.parse(argc, argv); } catch (const CLI::ParseError& e) {
//     std::cerr << "kokuho: usage error: " << UsageErrorJa(e, CommandPath(app)) << "\n";
//   }
//   // → kokuho: usage error: オプション --foo は使えません。kokuho levy --help
//   で使えるオプションを
//   //   表示します (CLI11: The following argument was not expected: --foo)
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace kokuho::cli {

/// "kokuho levy" or "kokuho nofukin case": the program and the subcommands chosen so far (the
/// deepest one parsed, also when the parse stopped with an error).
std::string CommandPath(const CLI::App& app);

/// The Japanese line for a parse error of `command` (CommandPath), ending with CLI11's message
/// in parentheses; a message of our own validators (already Japanese) is kept as it is. The
/// exit code stays the caller's choice.
std::string UsageErrorJa(const CLI::Error& e, const std::string& command);

}  // namespace kokuho::cli
