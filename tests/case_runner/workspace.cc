#include "workspace.h"

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "../io/io_test_util.h"

namespace kokuho::cases {
namespace {

namespace fs = std::filesystem;

void ReplaceAll(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size())
    text.replace(at, from.size(), to);
}

std::string ToCrlf(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  return out;
}

// The lines of a CSV text split at commas (for tables without quoted commas). The final
// newline, if any, is remembered in `trailing_newline`.
std::vector<std::vector<std::string>> SplitCsv(const std::string& text, bool* trailing_newline) {
  std::vector<std::vector<std::string>> rows;
  *trailing_newline = !text.empty() && text.back() == '\n';
  std::stringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::vector<std::string> fields;
    size_t start = 0;
    while (true) {
      size_t comma = line.find(',', start);
      fields.push_back(line.substr(start, comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    rows.push_back(std::move(fields));
  }
  return rows;
}

std::string JoinCsv(const std::vector<std::vector<std::string>>& rows, bool trailing_newline) {
  std::string text;
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t i = 0; i < rows[r].size(); ++i) text += (i ? "," : "") + rows[r][i];
    if (r + 1 < rows.size() || trailing_newline) text += "\n";
  }
  return text;
}

// Applies one edit to the file in `dir`; returns "" or the problem.
std::string ApplyEdit(const EditSpec& e, const std::string& dir) {
  const std::string path = dir + "/" + e.file;
  const std::string where = "edit at line " + std::to_string(e.yaml_line) + " (" + e.file + "): ";
  if (!fs::is_regular_file(path)) return where + "no such file in the case folder";
  if (e.kind == EditSpec::Kind::kRemove) {
    fs::remove(path);
    return "";
  }
  std::string text = ReadFileBytes(path);
  switch (e.kind) {
    case EditSpec::Kind::kReplace: {
      const size_t at = text.find(e.from);
      if (at == std::string::npos) return where + "text to replace not found: " + e.from;
      if (text.find(e.from, at + 1) != std::string::npos)
        return where + "text to replace occurs more than once (make it longer): " + e.from;
      text.replace(at, e.from.size(), e.to);
      break;
    }
    case EditSpec::Kind::kSetCell:
    case EditSpec::Kind::kDropColumn: {
      bool trailing = false;
      auto rows = SplitCsv(text, &trailing);
      if (e.kind == EditSpec::Kind::kSetCell) {
        if (e.line < 1 || e.line > static_cast<int>(rows.size()))
          return where + "set_cell: the file has " + std::to_string(rows.size()) + " lines";
        auto& row = rows[static_cast<size_t>(e.line - 1)];
        for (const auto& f : row)
          if (f.find('"') != std::string::npos)
            return where + "set_cell: the line holds quoted fields; use replace/with instead";
        if (e.field < 1 || e.field > static_cast<int>(row.size()))
          return where + "set_cell: line " + std::to_string(e.line) + " has " +
                 std::to_string(row.size()) + " fields";
        row[static_cast<size_t>(e.field - 1)] = e.to;
      } else {
        if (text.find('"') != std::string::npos)
          return where + "drop_column: the table holds quoted fields; write the file instead";
        if (rows.empty()) return where + "drop_column: the file is empty";
        auto it = std::find(rows[0].begin(), rows[0].end(), e.from);
        if (it == rows[0].end()) return where + "no column named " + e.from;
        const auto index = it - rows[0].begin();
        for (auto& row : rows)
          if (index < static_cast<long>(row.size())) row.erase(row.begin() + index);
      }
      text = JoinCsv(rows, trailing);
      break;
    }
    case EditSpec::Kind::kEncode:
      try {
        text = io_test::ToCp932(text);
      } catch (const std::exception& ex) {
        return where + "encode cp932: " + ex.what();
      }
      break;
    case EditSpec::Kind::kBom:
      text = "\xEF\xBB\xBF" + text;
      break;
    case EditSpec::Kind::kCrlf:
      text = ToCrlf(text);
      break;
    case EditSpec::Kind::kRemove:
      break;
  }
  WriteFileBytes(path, text);
  return "";
}

}  // namespace

Workspace::Workspace() {
  std::string pattern = (fs::temp_directory_path() / "kokuho-case-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  root_ = pattern;
  work_ = root_ + "/work";
  scratch_ = root_ + "/scratch";
  fs::create_directory(work_);
  fs::create_directory(scratch_);
}

Workspace::~Workspace() {
  std::error_code ec;
  fs::remove_all(root_, ec);
}

std::string Prepare(const Case& c, const std::string& repo, const std::string& dir) {
  for (const auto& [to, from] : c.copy) {
    const fs::path src = fs::path(repo) / from;
    const fs::path dst = fs::path(dir) / to;
    if (!fs::exists(src)) return "copy: no repository file or folder " + from;
    std::error_code ec;
    fs::create_directories(dst.parent_path(), ec);
    fs::copy(src, dst, fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
    if (ec) return "copy " + from + " → " + to + ": " + ec.message();
  }
  for (const FileSpec& f : c.files) {
    std::string bytes;
    if (!f.from.empty()) {
      const std::string src = repo + "/" + f.from;
      if (!fs::is_regular_file(src)) return "files." + f.path + ": no repository file " + f.from;
      bytes = ReadFileBytes(src);
    } else {
      bytes = f.text;
    }
    if (f.encoding == "cp932") {
      try {
        bytes = io_test::ToCp932(bytes);
      } catch (const std::exception& ex) {
        return "files." + f.path + ": " + ex.what();
      }
    }
    if (f.crlf) bytes = ToCrlf(bytes);
    if (f.bom) bytes = "\xEF\xBB\xBF" + bytes;
    WriteFileBytes(dir + "/" + f.path, bytes);
  }
  for (const EditSpec& e : c.edits)
    if (std::string problem = ApplyEdit(e, dir); !problem.empty()) return problem;
  return "";
}

std::vector<std::string> ExpandArgs(const std::vector<std::string>& words, const std::string& repo,
                                    const std::string& dir) {
  std::vector<std::string> out = words;
  for (auto& w : out) {
    ReplaceAll(w, "{{repo}}", repo);
    ReplaceAll(w, "{{tmp}}", dir);
  }
  return out;
}

std::string Portable(std::string text, const std::string& repo, const std::string& dir) {
  ReplaceAll(text, dir + "/", "");
  ReplaceAll(text, dir, ".");
  ReplaceAll(text, repo, "{{repo}}");
  return text;
}

std::vector<std::string> ListTree(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec))
    names.push_back(fs::relative(it->path(), dir).string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFileBytes(const std::string& path, const std::string& bytes) {
  const fs::path p(path);
  if (p.has_parent_path()) fs::create_directories(p.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace kokuho::cases
