// Strict YAML loading for case files (prefecture.yaml).
//
// yaml-cpp accepts a key given twice (the later one is silently ignored on lookup);
// kokuho refuses it, since a repeated coefficient is almost always a mistake. The
// file may be UTF-8 or CP932; syntax errors become InputErrors with the position.
//
//   YAML::Node root = LoadYamlStrict("cases/gunma/prefecture.yaml");
//   if (!root["alpha"]) throw InputError(PosOf(root, path), "expected key 'alpha'");
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "core/error.h"

namespace kokuho {

/// Reads, decodes (UTF-8 or CP932) and parses the YAML file at `path`. Throws
/// InputError for a file that cannot be read, a syntax error (at yaml-cpp's line and
/// column, 1-based), a key repeated in one mapping (at the second occurrence:
/// "duplicate key 'alpha' (first at line N)"), an empty document or more than one
/// document.
YAML::Node LoadYamlStrict(const std::string& path);

/// Like LoadYamlStrict, for YAML text already in memory (UTF-8); `file` names it in
/// positions.
YAML::Node ParseYamlStrict(const std::string& utf8, const std::string& file);

/// Where `node` starts in `file`, 1-based; {file, 0, 0} when yaml-cpp has no mark
/// (e.g. for a node that is not in the document).
SourcePos PosOf(const YAML::Node& node, const std::string& file);

}  // namespace kokuho
