// How wide printed tables may be: the terminal's width when standard output is a
// terminal, or COLUMNS when it is set; otherwise (a pipe, a file) tables print whole,
// so scripts and saved outputs never change with the window.
//
//   if (std::optional<int> w = TableFitWidth()) text = RenderTextFitted(table, *w);
#pragma once

#include <optional>

namespace kokuho::cli {

/// COLUMNS when it is set to a whole number ≥ 1; else, when standard output is a
/// terminal, its width (ioctl TIOCGWINSZ), or 80 when the terminal does not say; else
/// nullopt (do not fit).
std::optional<int> TableFitWidth();

}  // namespace kokuho::cli
