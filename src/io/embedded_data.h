// The dated rule files of data/ (e.g. data/nofukin/parts.yaml), compiled into the
// binary at build time (see CMakeLists.txt) so kokuho needs no source tree at run time.
#pragma once

#include <string_view>
#include <vector>

namespace kokuho {

/// The text of a data file by its repository path ("data/nofukin/parts.yaml");
/// empty if the file was not embedded.
std::string_view EmbeddedDataFile(std::string_view path);

/// The repository paths of every embedded file, sorted ("data/chosei/coefficients.yaml", …).
std::vector<std::string_view> EmbeddedDataPaths();

}  // namespace kokuho
