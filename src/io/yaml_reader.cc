#include "io/yaml_reader.h"

#include <fmt/format.h>
#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <deque>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "io/encoding.h"
#include "io/input_limits.h"

namespace kokuho {
namespace {

// The lines of the YAML texts parsed lately, by file name: yaml-cpp counts columns in
// bytes, users count characters (an editor shows 前期高齢者納付金等: as 10 columns, not 28).
// Per thread (the server parses households on several threads at once) and only the last
// few files (a process that parses thousands must not keep them all).
constexpr size_t kRecentFiles = 32;
using FileLines = std::pair<std::string, std::vector<std::string>>;
std::deque<FileLines>& RecentLines() {
  thread_local std::deque<FileLines> recent;
  return recent;
}

const std::vector<std::string>* FindLines(const std::string& file) {
  for (auto it = RecentLines().rbegin(); it != RecentLines().rend(); ++it)
    if (it->first == file) return &it->second;
  return nullptr;
}

/// The (emptied) line table of `file`, the most recent one.
std::vector<std::string>& NewLines(const std::string& file) {
  std::deque<FileLines>& recent = RecentLines();
  for (auto it = recent.begin(); it != recent.end(); ++it) {
    if (it->first == file) {
      recent.erase(it);
      break;
    }
  }
  if (recent.size() >= kRecentFiles) recent.pop_front();
  recent.emplace_back(file, std::vector<std::string>());
  return recent.back().second;
}

SourcePos PosOfMark(const YAML::Mark& mark, const std::string& file) {
  if (mark.is_null() || mark.line < 0) return SourcePos{file, 0, 0};
  int column = mark.column + 1;
  const std::vector<std::string>* lines = FindLines(file);
  if (lines != nullptr && static_cast<size_t>(mark.line) < lines->size()) {
    const std::string& line = (*lines)[static_cast<size_t>(mark.line)];
    const size_t bytes = std::min(line.size(), static_cast<size_t>(std::max(mark.column, 0)));
    column = 1;
    for (size_t i = 0; i < bytes; ++i)
      column += (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80 ? 1 : 0;
  }
  return SourcePos{file, mark.line + 1, column};
}

// kokuho's YAML files never continue a quoted value onto the next line; yaml-cpp would
// read an unclosed quote as a value running to the end of the file and report a
// confusing "missing key" instead. A quote opens a quoted value only where a value
// starts (after ': ', '- ', '[', '{', ',' or at the start of a line).
void CheckQuotesClosed(const std::vector<std::string>& lines, const std::string& file) {
  for (size_t n = 0; n < lines.size(); ++n) {
    const std::string& line = lines[n];
    char open = 0;
    size_t open_at = 0;
    char prev = ' ';  // last non-space character outside quotes (start of line counts)
    for (size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (open) {
        if (open == '"' && c == '\\') {
          ++i;
        } else if (c == open) {
          if (open == '\'' && i + 1 < line.size() && line[i + 1] == '\'') {
            ++i;  // '' inside single quotes
          } else {
            open = 0;
            prev = c;
          }
        }
        continue;
      }
      if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) break;
      if ((c == '"' || c == '\'') && (prev == ' ' || prev == ':' || prev == '-' || prev == '[' ||
                                      prev == '{' || prev == ',')) {
        const bool at_value = i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t' || prev == '[' ||
                              prev == '{' || prev == ',';
        if (at_value) {
          open = c;
          open_at = i;
          continue;
        }
      }
      if (c != ' ' && c != '\t') prev = c;
    }
    if (open) {
      int column = 1;
      for (size_t i = 0; i < open_at; ++i)
        column += (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80 ? 1 : 0;
      throw InputError(
          {file, static_cast<int>(n) + 1, column},
          fmt::format(
              "YAML の誤り: ここで始まる引用符 {} がこの行で閉じていません。行の終わりまでに"
              "{} を書いてください",
              open, open));
    }
  }
}

// Walks the parse events of every document once, before any node is built: yaml-cpp 0.7.0's
// parser never consumes a token it cannot place at the top level (e.g. the ',' of "{a: 1},"),
// and LoadAll then starts document after empty document at the same token, forever
// (jbeder/yaml-cpp#1040, fixed upstream in #1319 after 0.7.0). Refuses that token, a second
// document, nesting deeper than the limit and more nodes than the limit.
class StructureCheck : public YAML::EventHandler {
 public:
  StructureCheck(const std::string& text, const std::string& file) : text_(text), file_(file) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (documents_ > 0 && mark.pos == last_start_.pos) {
      // No token consumed since the last document started: the parser is stuck here.
      const char c = mark.pos >= 0 && static_cast<size_t>(mark.pos) < text_.size()
                         ? text_[static_cast<size_t>(mark.pos)]
                         : '?';
      throw InputError(
          PosOfMark(mark, file_),
          fmt::format("YAML の誤り: 全体の値が終わった後に '{}' があります。ここでファイルが"
                      "終わるように、余分な文字を消してください",
                      c >= 0x20 && c < 0x7F ? std::string(1, c) : "?"));
    }
    last_start_ = mark;
    ++documents_;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { Node(mark, true); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { Node(mark, false); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    Node(mark, false);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    Open(mark);
  }
  void OnSequenceEnd() override { --depth_; }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    Open(mark);
  }
  void OnMapEnd() override { --depth_; }

 private:
  void Node(const YAML::Mark& mark, bool null) {
    if (depth_ == 0) {
      // A document's root: only the first document may hold anything. yaml-cpp starts a
      // new document at '---' and also where a top-level structure ends and another
      // begins (e.g. a list followed by a mapping); an empty one is harmless.
      if (documents_ > 1 && !null)
        throw InputError(
            PosOfMark(mark, file_),
            "YAML の誤り: 2つ目の文書があります ('---' の後か、最上位の形が変わった所)。"
            "1つのファイルには最上位が項目の組1つの文書だけを書いてください");
    }
    if (++nodes_ > Limits().document_nodes)
      CheckCount(PosOfMark(mark, file_), nodes_, Limits().document_nodes, "YAML の値の数",
                 "KOKUHO_MAX_DOCUMENT_NODES");
  }
  void Open(const YAML::Mark& mark) {
    Node(mark, false);
    if (++depth_ > Limits().nesting_depth)
      throw InputError(PosOfMark(mark, file_),
                       fmt::format("YAML の入れ子が{}段を超えています (上限 KOKUHO_MAX_NESTING)。"
                                   "数段の構造で書いてください",
                                   Limits().nesting_depth));
  }

  const std::string& text_;
  const std::string& file_;
  YAML::Mark last_start_;
  int documents_ = 0;
  int depth_ = 0;
  std::uint64_t nodes_ = 0;
};

// Rejects a key repeated within one mapping and a key that is not plain text, anywhere under
// `node`. `visits` counts the nodes walked, aliases expanded (a few aliases of aliases would
// otherwise make the walk, and every loader's, exponential).
void CheckKeys(const YAML::Node& node, const std::string& file, int depth, std::uint64_t& visits) {
  if (++visits > Limits().document_nodes)
    CheckCount(PosOf(node, file), visits, Limits().document_nodes,
               "別名 (*name) を展開した YAML の値の数", "KOKUHO_MAX_DOCUMENT_NODES");
  if (depth > Limits().nesting_depth) {
    throw InputError(PosOf(node, file),
                     fmt::format("YAML の入れ子が{}段を超えています (上限 KOKUHO_MAX_NESTING)。"
                                 "数段の構造で書いてください",
                                 Limits().nesting_depth));
  }
  if (node.IsMap()) {
    std::unordered_map<std::string, int> first_line;  // key -> 1-based line
    for (const auto& entry : node) {
      const YAML::Node& key = entry.first;
      if (key.IsScalar()) {
        SourcePos pos = PosOf(key, file);
        auto [it, inserted] = first_line.emplace(key.Scalar(), pos.line);
        if (!inserted) {
          throw InputError(pos, fmt::format("項目 {} が2回あります (最初は{}行目)。同じ組の中では"
                                            "各項目を1回だけ書いてください",
                                            key.Scalar(), it->second));
        }
      } else if (!key.IsNull()) {
        throw InputError(PosOf(key, file),
                         "YAML の誤り: 項目名がリストか項目の組になっています ('? ' の複合キー)。"
                         "':' の前には名前だけを書いてください");
      }
      CheckKeys(entry.second, file, depth + 1, visits);
    }
  } else if (node.IsSequence()) {
    for (const YAML::Node& item : node) CheckKeys(item, file, depth + 1, visits);
  }
}

}  // namespace

SourcePos PosOf(const YAML::Node& node, const std::string& file) {
  if (!node.IsDefined()) return SourcePos{file, 0, 0};
  return PosOfMark(node.Mark(), file);
}

YAML::Node ParseYamlStrict(const std::string& utf8, const std::string& file) {
  CheckFileSize(file, utf8.size(), Limits().document_bytes, "YAML・JSON の文書",
                "KOKUHO_MAX_DOCUMENT_MB");
  std::vector<std::string>& lines = NewLines(file);
  for (size_t start = 0; start <= utf8.size();) {
    size_t end = utf8.find('\n', start);
    if (end == std::string::npos) end = utf8.size();
    std::string line = utf8.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  CheckQuotesClosed(lines, file);
  YAML::Node root;
  try {
    {
      std::istringstream stream(utf8);
      YAML::Parser parser(stream);
      StructureCheck check(utf8, file);
      while (parser.HandleNextDocument(check)) {
      }
    }
    root = YAML::Load(utf8);  // the first document (StructureCheck: the only one)
  } catch (const YAML::Exception& e) {
    throw InputError(PosOfMark(e.mark, file),
                     fmt::format("YAML として読めません ({})。「項目名: 値」の行を、そろった字下げ "
                                 "(タブでなく空白) で書いてください",
                                 e.msg));
  }
  if (root.IsNull())
    throw InputError({file, 0, 0}, "YAML のファイルが空です。項目名と値を書いてください");
  std::uint64_t visits = 0;
  CheckKeys(root, file, 0, visits);
  return root;
}

YAML::Node LoadYamlStrict(const std::string& path) {
  return ParseYamlStrict(DecodeToUtf8(ReadFileBytes(path, Limits().document_bytes,
                                                    "YAML・JSON の文書", "KOKUHO_MAX_DOCUMENT_MB"),
                                      path),
                         path);
}

}  // namespace kokuho
