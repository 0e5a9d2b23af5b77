#include "golden.h"

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <vector>

#include "core/error.h"
#include "io/xlsx_reader.h"
#include "workspace.h"

namespace kokuho::cases {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::string Escape(const std::string& cell) {
  std::string out;
  for (char c : cell) {
    if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string XlsxAsText(const std::string& path) {
  std::string text;
  try {
    for (const XlsxSheetCells& sheet : ReadXlsxCells(path)) {
      text += "## " + sheet.name + "\n";
      int row = -1, column = 0;
      for (const auto& cell : sheet.cells) {
        if (cell.row != row) {
          if (row != -1) text += "\n";
          row = cell.row;
          column = 0;
          text += std::to_string(row);
        }
        for (; column < cell.column; ++column) text += "\t";
        text += Escape(cell.text);
      }
      if (row != -1) text += "\n";
    }
  } catch (const InputError& e) {
    text += std::string("(cannot read the workbook: ") + e.what() + ")\n";
  }
  return text;
}

GoldenFiles CollectGolden(const std::string& stdout_text, const std::string& out_dir,
                          const std::string& repo, const std::string& case_dir) {
  GoldenFiles files;
  files["stdout.txt"] = stdout_text;
  if (!fs::is_directory(out_dir)) return files;
  for (const std::string& rel : ListTree(out_dir)) {
    const std::string path = out_dir + "/" + rel;
    if (!fs::is_regular_file(path)) continue;
    if (fs::path(rel).extension() == ".xlsx") {
      files[rel + ".txt"] = Portable(XlsxAsText(path), repo, case_dir);
    } else {
      files[rel] = Portable(ReadFileBytes(path), repo, case_dir);
    }
  }
  return files;
}

std::string FirstDifference(const std::string& expected, const std::string& actual) {
  const auto e = Lines(expected), a = Lines(actual);
  size_t prefix = 0;
  while (prefix < e.size() && prefix < a.size() && e[prefix] == a[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix + prefix < e.size() && suffix + prefix < a.size() &&
         e[e.size() - 1 - suffix] == a[a.size() - 1 - suffix])
    ++suffix;
  std::ostringstream out;
  if (prefix == e.size() && prefix == a.size()) {
    out << "    (the lines are equal; the bytes differ: line endings or the final newline)\n";
    return out.str();
  }
  out << "    first difference at line " << prefix + 1 << " (golden " << e.size() << " lines, now "
      << a.size() << " lines):\n";
  constexpr size_t kShow = 6;
  auto show = [&](const std::vector<std::string>& lines, const char* mark) {
    const size_t end = lines.size() - suffix;
    for (size_t i = prefix; i < end && i < prefix + kShow; ++i) {
      std::string l = lines[i];
      if (l.size() > 300) l = l.substr(0, 297) + "...";
      out << "    " << mark << (i + 1) << ": " << l << "\n";
    }
    if (end > prefix + kShow)
      out << "    " << mark << "… " << end - prefix - kShow << " more lines\n";
  };
  show(e, "- golden ");
  show(a, "+ now    ");
  return out.str();
}

std::string CompareGolden(const GoldenFiles& files, const std::string& dir) {
  std::string report;
  GoldenFiles expected;
  if (fs::is_directory(dir)) {
    for (const std::string& rel : ListTree(dir))
      if (fs::is_regular_file(dir + "/" + rel)) expected[rel] = ReadFileBytes(dir + "/" + rel);
  }
  for (const auto& [name, content] : expected) {
    auto it = files.find(name);
    if (it == files.end()) {
      report += "  " + name + ": in the golden folder, no longer written\n";
    } else if (it->second != content) {
      report += "  " + name + " differs:\n" + FirstDifference(content, it->second);
    }
  }
  for (const auto& [name, content] : files)
    if (!expected.count(name)) report += "  " + name + ": written now, not in the golden folder\n";
  return report;
}

void UpdateGolden(const GoldenFiles& files, const std::string& dir) {
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir);
  for (const auto& [name, content] : files) WriteFileBytes(dir + "/" + name, content);
}

}  // namespace kokuho::cases
