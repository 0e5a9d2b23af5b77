#include "case_spec.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <stdexcept>

namespace kokuho::cases {
namespace {

namespace fs = std::filesystem;

// A problem in a case file, at a line of it.
struct SpecError : std::runtime_error {
  SpecError(const YAML::Node& node, const std::string& what)
      : std::runtime_error("line " + std::to_string(node.Mark().line + 1) + ": " + what) {}
};

int LineOf(const YAML::Node& node) { return node.Mark().line + 1; }

void RejectUnknownKeys(const YAML::Node& map, const std::set<std::string>& known,
                       const std::string& where) {
  if (!map.IsMap()) throw SpecError(map, where + ": expected a mapping (key: value)");
  std::set<std::string> seen;
  for (const auto& kv : map) {
    const std::string key = kv.first.as<std::string>();
    if (!seen.insert(key).second)
      throw SpecError(kv.first, where + ": key '" + key + "' given twice");
    if (!known.count(key)) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      throw SpecError(kv.first,
                      where + ": unknown key '" + key + "' (expected one of " + list + ")");
    }
  }
}

std::string Scalar(const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) throw SpecError(node, what + ": expected a single value");
  return node.as<std::string>();
}

std::string Text(const YAML::Node& node, const std::string& what) {
  std::string s = Scalar(node, what);
  std::string why;
  if (!ExpandBytes(s, &why)) throw SpecError(node, what + ": " + why);
  return s;
}

int Int(const YAML::Node& node, const std::string& what) {
  const std::string s = Scalar(node, what);
  if (s.empty() || s.size() > 9 ||
      !std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit((unsigned char)c); }))
    throw SpecError(node, what + ": expected a whole number, got '" + s + "'");
  return std::stoi(s);
}

bool Bool(const YAML::Node& node, const std::string& what) {
  const std::string s = Scalar(node, what);
  if (s == "true") return true;
  if (s == "false") return false;
  throw SpecError(node, what + ": expected true or false, got '" + s + "'");
}

// A list of strings, or one string taken as a list of one.
std::vector<std::string> TextList(const YAML::Node& node, const std::string& what) {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(Text(node, what));
  } else if (node.IsSequence()) {
    for (const auto& item : node) out.push_back(Text(item, what));
  } else {
    throw SpecError(node, what + ": expected a text or a list of texts");
  }
  return out;
}

// A command line: a string split into words, or a list of words.
std::vector<std::string> CommandLine(const YAML::Node& node, const std::string& what) {
  std::vector<std::string> words;
  if (node.IsScalar()) {
    words = SplitCommandLine(Text(node, what));
  } else if (node.IsSequence()) {
    for (const auto& w : node) words.push_back(Text(w, what));
  } else {
    throw SpecError(node, what + ": expected a command line (text or list of words)");
  }
  if (words.empty()) throw SpecError(node, what + ": empty command line");
  if (words.front() == "kokuho") words.erase(words.begin());  // "kokuho nofukin …" is fine too
  return words;
}

// A relative path inside the temporary folder (no "..", not absolute).
std::string TempPath(const YAML::Node& node, const std::string& what) {
  const std::string p = Scalar(node, what);
  const fs::path path(p);
  if (p.empty() || path.is_absolute())
    throw SpecError(node,
                    what + ": expected a path relative to the temporary folder, got '" + p + "'");
  for (const auto& part : path)
    if (part == "..") throw SpecError(node, what + ": '..' is not allowed in '" + p + "'");
  return p;
}

FileSpec ReadFile(const std::string& path, const YAML::Node& node) {
  FileSpec f;
  f.path = path;
  if (node.IsScalar()) {
    f.text = Text(node, "files." + path);
    return f;
  }
  RejectUnknownKeys(node, {"text", "from", "encoding", "bom", "line_endings"}, "files." + path);
  if (node["text"] && node["from"])
    throw SpecError(node, "files." + path + ": give either text or from, not both");
  if (node["text"]) f.text = Text(node["text"], "text");
  if (node["from"]) f.from = Scalar(node["from"], "from");
  if (!node["text"] && !node["from"])
    throw SpecError(node, "files." + path + ": expected text or from");
  if (node["encoding"]) {
    f.encoding = Scalar(node["encoding"], "encoding");
    if (f.encoding != "utf-8" && f.encoding != "cp932")
      throw SpecError(node["encoding"], "encoding: expected utf-8 or cp932");
  }
  if (node["bom"]) f.bom = Bool(node["bom"], "bom");
  if (node["line_endings"]) {
    const std::string le = Scalar(node["line_endings"], "line_endings");
    if (le != "lf" && le != "crlf")
      throw SpecError(node["line_endings"], "line_endings: expected lf or crlf");
    f.crlf = le == "crlf";
  }
  return f;
}

EditSpec ReadEdit(const YAML::Node& node) {
  RejectUnknownKeys(node,
                    {"file", "replace", "with", "set_cell", "to", "drop_column", "remove", "encode",
                     "bom", "line_endings"},
                    "edit");
  EditSpec e;
  e.yaml_line = LineOf(node);
  if (!node["file"]) throw SpecError(node, "edit: expected file: (the file to change)");
  e.file = TempPath(node["file"], "edit.file");
  int kinds = 0;
  if (node["replace"]) {
    ++kinds;
    e.kind = EditSpec::Kind::kReplace;
    e.from = Text(node["replace"], "replace");
    if (e.from.empty()) throw SpecError(node["replace"], "replace: empty text");
    if (!node["with"]) throw SpecError(node, "edit: replace needs with:");
    e.to = Text(node["with"], "with");
  }
  if (node["set_cell"]) {
    ++kinds;
    e.kind = EditSpec::Kind::kSetCell;
    const YAML::Node& at = node["set_cell"];
    if (!at.IsSequence() || at.size() != 2)
      throw SpecError(at, "set_cell: expected [line, field] (1-based)");
    e.line = Int(at[0], "set_cell line");
    e.field = Int(at[1], "set_cell field");
    if (!node["to"]) throw SpecError(node, "edit: set_cell needs to:");
    e.to = Text(node["to"], "to");
  }
  if (node["drop_column"]) {
    ++kinds;
    e.kind = EditSpec::Kind::kDropColumn;
    e.from = Text(node["drop_column"], "drop_column");
  }
  if (node["remove"]) {
    ++kinds;
    e.kind = EditSpec::Kind::kRemove;
    if (!Bool(node["remove"], "remove"))
      throw SpecError(node["remove"], "remove: write remove: true");
  }
  if (node["encode"]) {
    ++kinds;
    e.kind = EditSpec::Kind::kEncode;
    e.to = Scalar(node["encode"], "encode");
    if (e.to != "cp932") throw SpecError(node["encode"], "encode: expected cp932");
  }
  if (node["bom"]) {
    ++kinds;
    e.kind = EditSpec::Kind::kBom;
    if (!Bool(node["bom"], "bom")) throw SpecError(node["bom"], "bom: write bom: true");
  }
  if (node["line_endings"]) {
    ++kinds;
    e.kind = EditSpec::Kind::kCrlf;
    if (Scalar(node["line_endings"], "line_endings") != "crlf")
      throw SpecError(node["line_endings"], "line_endings: expected crlf");
  }
  if (node["with"] && !node["replace"]) throw SpecError(node, "edit: with: without replace:");
  if (node["to"] && !node["set_cell"]) throw SpecError(node, "edit: to: without set_cell:");
  if (kinds != 1)
    throw SpecError(node,
                    "edit: expected exactly one of replace, set_cell, drop_column, remove, "
                    "encode, bom, line_endings");
  return e;
}

void ReadJsonExpectations(const YAML::Node& node, SuccessSpec& s) {
  if (!node.IsMap()) throw SpecError(node, "json: expected a mapping of JSON path: value");
  std::set<std::string> seen;
  for (const auto& kv : node) {
    JsonExpectation j;
    j.path = kv.first.as<std::string>();
    if (!seen.insert(j.path).second)
      throw SpecError(kv.first, "json: path '" + j.path + "' given twice");
    if (!kv.second.IsScalar())
      throw SpecError(
          kv.second,
          "json." + j.path + ": expected one value (number, \"text\", true, false or null)");
    j.text = kv.second.as<std::string>();
    j.quoted = kv.second.Tag() == "!";  // yaml-cpp tags quoted scalars "!", plain ones "?"
    j.yaml_line = LineOf(kv.second);
    s.json.push_back(std::move(j));
  }
}

SuccessSpec ReadExpect(const YAML::Node& node) {
  RejectUnknownKeys(
      node,
      {"exit", "json", "json_from", "stdout", "stderr", "stdout_lacks", "files", "same_stdout_as"},
      "expect");
  SuccessSpec s;
  if (node["exit"]) s.exit = Int(node["exit"], "expect.exit");
  if (node["json_from"]) s.json_from = TempPath(node["json_from"], "json_from");
  if (node["json"]) ReadJsonExpectations(node["json"], s);
  if (node["stdout"]) s.stdout_has = TextList(node["stdout"], "expect.stdout");
  if (node["stderr"]) s.stderr_has = TextList(node["stderr"], "expect.stderr");
  if (node["stdout_lacks"]) s.stdout_lacks = TextList(node["stdout_lacks"], "expect.stdout_lacks");
  if (node["files"]) s.files = TextList(node["files"], "expect.files");
  if (node["same_stdout_as"]) s.same_stdout_as = Scalar(node["same_stdout_as"], "same_stdout_as");
  return s;
}

ErrorSpec ReadError(const YAML::Node& node) {
  RejectUnknownKeys(node, {"exit", "at", "message", "lines", "stderr"}, "error");
  ErrorSpec e;
  if (node["exit"]) e.exit = Int(node["exit"], "error.exit");
  if (e.exit == 0)
    throw SpecError(node["exit"], "error.exit: an error exits with a non-zero status");
  if (node["at"]) e.at = Text(node["at"], "error.at");
  if (node["message"]) e.message = Text(node["message"], "error.message");
  if (node["lines"]) {
    const std::string l = Scalar(node["lines"], "error.lines");
    if (l != "one" && l != "any")
      throw SpecError(node["lines"], "error.lines: expected one or any");
    e.one_line = l == "one";
  }
  if (node["stderr"]) e.stderr_has = TextList(node["stderr"], "error.stderr");
  if (e.at.empty() && e.message.empty() && e.stderr_has.empty())
    throw SpecError(node, "error: expected at least one of at, message, stderr");
  return e;
}

const std::set<std::string> kCaseKeys = {"name",  "title",   "source",  "derivation", "copy",
                                         "files", "edit",    "before",  "run",        "expect",
                                         "error", "private", "pending", "golden"};

// Fills `c` from `node` (a case, or the defaults: then `defaults` is true).
void ReadCaseKeys(const YAML::Node& node, Case& c, bool defaults) {
  RejectUnknownKeys(node, kCaseKeys, defaults ? "defaults" : "case");
  if (node["name"]) {
    if (defaults) throw SpecError(node["name"], "defaults: a name belongs to each case");
    c.name = Scalar(node["name"], "name");
  }
  if (node["title"]) c.title = Scalar(node["title"], "title");
  if (node["source"]) c.source = Scalar(node["source"], "source");
  if (node["derivation"]) c.derivation = Scalar(node["derivation"], "derivation");
  if (node["copy"]) {
    if (!node["copy"].IsMap())
      throw SpecError(node["copy"], "copy: expected temp path: repository path");
    for (const auto& kv : node["copy"])
      c.copy[TempPath(kv.first, "copy")] = Scalar(kv.second, "copy");
  }
  if (node["files"]) {
    if (!node["files"].IsMap()) throw SpecError(node["files"], "files: expected path: content");
    for (const auto& kv : node["files"]) {
      const std::string path = TempPath(kv.first, "files");
      c.files.erase(std::remove_if(c.files.begin(), c.files.end(),
                                   [&](const FileSpec& f) { return f.path == path; }),
                    c.files.end());
      c.files.push_back(ReadFile(path, kv.second));
    }
  }
  if (node["edit"]) {
    if (!node["edit"].IsSequence()) throw SpecError(node["edit"], "edit: expected a list of edits");
    for (const auto& e : node["edit"]) c.edits.push_back(ReadEdit(e));
  }
  if (node["before"]) {
    c.before.clear();
    const YAML::Node& b = node["before"];
    if (b.IsScalar()) {
      c.before.push_back(CommandLine(b, "before"));
    } else if (b.IsSequence()) {
      for (const auto& cmd : b) c.before.push_back(CommandLine(cmd, "before"));
    } else {
      throw SpecError(b, "before: expected a command line or a list of them");
    }
  }
  if (node["run"]) c.run = CommandLine(node["run"], "run");
  if (node["expect"]) {
    c.expect = ReadExpect(node["expect"]);
    if (!defaults) c.error.reset();
  }
  if (node["error"]) {
    c.error = ReadError(node["error"]);
    if (!defaults) c.expect.reset();
  }
  if (node["private"]) {
    for (const auto& v : TextList(node["private"], "private")) c.private_values.push_back(v);
  }
  if (node["pending"]) c.pending = Scalar(node["pending"], "pending");
  if (node["golden"]) {
    c.golden = Scalar(node["golden"], "golden");
    if (c.golden.empty() || c.golden.find('/') != std::string::npos || c.golden[0] == '.')
      throw SpecError(node["golden"], "golden: expected a folder name under tests/golden");
  }
}

bool ValidName(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_';
  });
}

}  // namespace

std::vector<std::string> SplitCommandLine(const std::string& line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false, quoted = false;
  for (char ch : line) {
    if (ch == '"') {
      quoted = !quoted;
      in_word = true;
    } else if (!quoted && (ch == ' ' || ch == '\t' || ch == '\n')) {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word += ch;
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

bool ExpandBytes(std::string& text, std::string* why) {
  const std::string open = "{{bytes";
  size_t at = 0;
  while ((at = text.find(open, at)) != std::string::npos) {
    const size_t close = text.find("}}", at);
    if (close == std::string::npos) {
      *why = "{{bytes …}} without its closing }}";
      return false;
    }
    std::string bytes;
    std::string hex;
    for (size_t i = at + open.size(); i <= close; ++i) {
      const char ch = i < close ? text[i] : ' ';
      if (std::isxdigit(static_cast<unsigned char>(ch))) {
        hex += ch;
      } else if (ch == ' ') {
        if (hex.empty()) continue;
        if (hex.size() != 2) {
          *why = "{{bytes …}}: expected two hex digits per byte, got '" + hex + "'";
          return false;
        }
        bytes += static_cast<char>(std::stoi(hex, nullptr, 16));
        hex.clear();
      } else {
        *why = std::string("{{bytes …}}: unexpected character '") + ch + "'";
        return false;
      }
    }
    if (bytes.empty()) {
      *why = "{{bytes}} without any byte";
      return false;
    }
    text.replace(at, close + 2 - at, bytes);
    at += bytes.size();
  }
  return true;
}

CaseFile ReadCaseFile(const std::string& path) {
  CaseFile file;
  file.path = path;
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::Exception& e) {
    file.load_error = std::string("invalid YAML: ") + e.what();
    return file;
  }
  try {
    RejectUnknownKeys(root, {"defaults", "cases"}, "case file");
    Case defaults;
    if (root["defaults"]) ReadCaseKeys(root["defaults"], defaults, true);
    if (!root["cases"] || !root["cases"].IsSequence() || root["cases"].size() == 0)
      throw SpecError(root, "expected cases: with a list of cases");
    std::set<std::string> names;
    for (const auto& node : root["cases"]) {
      Case c = defaults;
      c.yaml_line = LineOf(node);
      try {
        ReadCaseKeys(node, c, false);
        if (!ValidName(c.name))
          throw SpecError(node, "name: expected letters, digits and _ (A-Z a-z 0-9 _), got '" +
                                    c.name + "'; put Japanese words in title:");
        if (!names.insert(c.name).second) {
          c.name.clear();
          throw SpecError(node, "a case name is used twice in this file");
        }
        if (c.run.empty()) throw SpecError(node, "expected run: (the kokuho command line)");
        if (!c.expect && !c.error)
          throw SpecError(node, "expected expect: (a success) or error: (a refused input)");
        if (!c.golden.empty() && c.error) throw SpecError(node, "golden: only for a success");
      } catch (const std::exception& e) {  // SpecError, or a YAML::Exception of a value
        if (!ValidName(c.name) || !names.count(c.name)) {
          c.name = "case_at_line_" + std::to_string(c.yaml_line);
          names.insert(c.name);
        }
        c.spec_error = e.what();
      }
      file.cases.push_back(std::move(c));
    }
  } catch (const SpecError& e) {
    file.load_error = e.what();
  } catch (const YAML::Exception& e) {
    file.load_error = std::string("invalid case file: ") + e.what();
  }
  return file;
}

std::vector<CaseFile> ReadCaseTree(const std::string& root) {
  std::vector<fs::path> paths;
  for (const auto& area : fs::directory_iterator(root)) {
    if (!area.is_directory()) continue;
    for (const auto& entry : fs::directory_iterator(area.path()))
      if (entry.is_regular_file() && entry.path().extension() == ".yaml")
        paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<CaseFile> files;
  for (const auto& p : paths) {
    CaseFile f = ReadCaseFile(p.string());
    f.area = p.parent_path().filename().string();
    f.stem = p.stem().string();
    files.push_back(std::move(f));
  }
  return files;
}

}  // namespace kokuho::cases
