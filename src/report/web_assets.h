// The browser code and map data compiled into kokuho at build time (web/CMakeLists.txt
// builds web/ with npm and generates the definitions, embedding each file with the
// assembler's .incbin), so reports and the web app need no source tree, npm or network
// at run time.
//
//   std::string_view js = EmbeddedWebAsset("report.js");             // the report's script
//   std::string_view geo = EmbeddedWebAsset("geo/municipalities-2021.topojson");
#pragma once

#include <string_view>

namespace kokuho {

/// The embedded file `name` ("report.js", "geo/municipalities-2021.topojson", …);
/// empty when it was not embedded (e.g. report.js in a build with KOKUHO_WEB=OFF).
std::string_view EmbeddedWebAsset(std::string_view name);

}  // namespace kokuho
