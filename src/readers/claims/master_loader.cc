#include "readers/claims/master_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "claims/cp932.h"
#include "core/error.h"
#include "core/text.h"
#include "io/encoding.h"
#include "io/table_reader.h"

namespace kokuho {
namespace {

using claims::MasterEntry;
using claims::MasterKind;
using claims::MasterSet;

std::string Lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// One CSV line split into fields: quoted ("...", "" for a quote) or bare. Returns false
// for an unterminated quote or text after a closing quote; `bad` is the field index.
struct Cell {
  std::string text;
  std::uint32_t column = 0;  // 1-based character column where the field starts
};
bool SplitCsvLine(std::string_view line, std::vector<Cell>& out, std::uint32_t& bad_column) {
  out.clear();
  std::size_t i = 0;
  while (true) {
    Cell c;
    c.column = static_cast<std::uint32_t>(claims::Utf8CharCount(line.substr(0, i)) + 1);
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (true) {
        if (i >= line.size()) {
          bad_column = c.column;
          return false;
        }
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            c.text.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        c.text.push_back(line[i++]);
      }
      if (i < line.size() && line[i] != ',') {
        bad_column = c.column;
        return false;
      }
    } else {
      const std::size_t comma = line.find(',', i);
      c.text.assign(
          line.substr(i, comma == std::string_view::npos ? std::string_view::npos : comma - i));
      i = comma == std::string_view::npos ? line.size() : comma;
    }
    out.push_back(std::move(c));
    if (i >= line.size()) return true;
    ++i;  // the comma
    if (i == line.size()) {
      out.push_back({"", static_cast<std::uint32_t>(claims::Utf8CharCount(line) + 1)});
      return true;
    }
  }
}

// Column layout of a 支払基金 master.
struct Layout {
  char letter;  // column 1 ("S", "Y" …)
  int code, name, unit, price, from, to, extra, generic;
  int code_digits;  // 9, 7 or 4
  int min_columns;
};
Layout LayoutOf(MasterKind kind) {
  switch (kind) {
    case MasterKind::kProcedure:
      return {'S', 2, 4, 9, 11, 86, 87, -1, -1, 9, 88};
    case MasterKind::kDrug:
      return {'Y', 2, 4, 9, 11, 29, 30, 36, 16, 9, 31};
    case MasterKind::kMaterial:
      return {'T', 2, 4, 9, 11, 27, 29, -1, -1, 9, 30};
    case MasterKind::kComment:
      return {'C', 22, 6, -1, -1, 20, 21, 3, -1, 9, 23};
    case MasterKind::kDisease:
      return {'B', 2, 5, -1, -1, 22, 23, 15, -1, 7, 24};
    case MasterKind::kModifier:
      return {'Z', 2, 6, -1, -1, 14, 15, 18, -1, 4, 19};
    case MasterKind::kGenericName:
      break;
  }
  return {};
}

// A date column: 8 digits, "00000000"/"" = none; returns false when malformed.
bool ParseMasterDate(std::string_view s, std::int32_t& out, std::int32_t none) {
  s = Trim(s);
  if (s.empty() || s == "00000000") {
    out = none;
    return true;
  }
  if (s.size() != 8) return false;
  std::int32_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

// "282.00" → 28200; "" → kNone; false when malformed.
bool ParsePrice(std::string_view s, std::int64_t& out) {
  s = Trim(s);
  out = claims::kNone;
  if (s.empty()) return true;
  const std::size_t dot = s.find('.');
  const std::string_view ip = s.substr(0, dot);
  const std::string_view fp = dot == std::string_view::npos ? "" : s.substr(dot + 1);
  if (ip.empty() || ip.size() > 12 || fp.size() > 2) return false;
  std::int64_t v = 0;
  for (char c : ip) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  std::int64_t f = 0;
  for (std::size_t i = 0; i < 2; ++i) {
    const char c = i < fp.size() ? fp[i] : '0';
    if (c < '0' || c > '9') return false;
    f = f * 10 + (c - '0');
  }
  out = v * 100 + f;
  return true;
}

std::size_t LoadSskMaster(const std::string& path, MasterKind kind, MasterSet& masters) {
  const std::string text = ReadTextFile(path);
  const Layout l = LayoutOf(kind);
  std::vector<Cell> cells;
  std::size_t rows = 0;
  std::uint32_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string_view line(text.data() + pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line == "\x1A") continue;
    std::uint32_t bad = 0;
    if (!SplitCsvLine(line, cells, bad))
      throw InputError({path, static_cast<int>(line_no), static_cast<int>(bad)},
                       "引用符 (\") の閉じ方が正しくありません");
    auto at = [&](int k) -> SourcePos {
      const int col = k < static_cast<int>(cells.size())
                          ? static_cast<int>(cells[k].column)
                          : static_cast<int>(claims::Utf8CharCount(line) + 1);
      return {path, static_cast<int>(line_no), col};
    };
    if (static_cast<int>(cells.size()) < l.min_columns)
      throw InputError(at(static_cast<int>(cells.size())),
                       fmt::format("{}マスターの行に列が {} 個しかありません ({} 列以上のはず)",
                                   claims::MasterKindName(kind), cells.size(), l.min_columns));
    if (cells[1].text.size() != 1 || cells[1].text[0] != l.letter)
      throw InputError(at(1),
                       fmt::format("マスター種別 (2列目) が \"{}\" です ({}マスターは \"{}\")",
                                   cells[1].text, claims::MasterKindName(kind), l.letter));
    MasterEntry e;
    e.code = std::string(Trim(cells[l.code].text));
    const bool digits =
        std::all_of(e.code.begin(), e.code.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (static_cast<int>(e.code.size()) != l.code_digits || !digits)
      throw InputError(at(l.code), fmt::format("コード \"{}\" が {} 桁の数字ではありません", e.code,
                                               l.code_digits));
    e.name = cells[l.name].text;
    if (l.unit >= 0) e.unit = cells[l.unit].text;
    if (l.price >= 0 && !ParsePrice(cells[l.price].text, e.price))
      throw InputError(at(l.price),
                       fmt::format("金額・点数 \"{}\" が数値ではありません", cells[l.price].text));
    if (!ParseMasterDate(cells[l.from].text, e.valid_from, 0))
      throw InputError(at(l.from), fmt::format("変更年月日 \"{}\" が8桁の年月日ではありません",
                                               cells[l.from].text));
    if (!ParseMasterDate(cells[l.to].text, e.valid_to, 99999999))
      throw InputError(
          at(l.to), fmt::format("廃止年月日 \"{}\" が8桁の年月日ではありません", cells[l.to].text));
    if (l.extra >= 0 && l.extra < static_cast<int>(cells.size())) e.extra = cells[l.extra].text;
    if (l.generic >= 0) e.generic = cells[l.generic].text == "1" ? 1 : 0;
    // y[27] 剤形 (docs/claims-format.md): one digit, 1 内用 3 外用 4 注射 ….
    if (kind == MasterKind::kDrug && cells.size() > 27 && cells[27].text.size() == 1 &&
        cells[27].text[0] >= '0' && cells[27].text[0] <= '9')
      e.form = static_cast<std::uint8_t>(cells[27].text[0] - '0');
    e.source = path;
    e.line = line_no;
    masters.Add(kind, std::move(e));
    ++rows;
  }
  return rows;
}

// 一般名処方マスタ: a table with a header naming 一般名コード, 一般名処方の標準的な記載 and
// the 最低薬価 column.
std::size_t LoadGenericNames(const std::string& path, MasterSet& masters) {
  const Table t = ReadTable(path);
  std::optional<std::size_t> code, name, price;
  for (std::size_t i = 0; i < t.header.size(); ++i) {
    const std::string& h = t.header[i].text;
    if (!code && h.find("一般名コード") != std::string::npos) code = i;
    if (!name && h.find("標準的な記載") != std::string::npos) name = i;
    if (!price && h.find("最低薬価") != std::string::npos) price = i;
  }
  if (!code || !name)
    throw InputError(
        {t.file, 1, 0},
        "一般名処方マスタの見出しに「一般名コード」と「一般名処方の標準的な記載」の列が必要です");
  std::size_t rows = 0;
  for (const TableRow& row : t.rows) {
    MasterEntry e;
    e.code = std::string(Trim(row.cells[*code].text));
    if (e.code.empty()) continue;
    if (e.code.size() != 12)
      throw InputError(row.cells[*code].pos,
                       fmt::format("一般名コード \"{}\" が12文字ではありません", e.code));
    e.name = row.cells[*name].text;
    if (price && !ParsePrice(row.cells[*price].text, e.price))
      throw InputError(row.cells[*price].pos,
                       fmt::format("最低薬価 \"{}\" が数値ではありません", row.cells[*price].text));
    e.source = path;
    e.line = static_cast<std::uint32_t>(row.pos.line);
    masters.Add(MasterKind::kGenericName, std::move(e));
    ++rows;
  }
  return rows;
}

}  // namespace

std::optional<claims::MasterKind> MasterKindOfFile(const std::string& file_name) {
  const std::string n = Lower(file_name);
  const bool csv = EndsWith(n, ".csv"), txt = EndsWith(n, ".txt"), xlsx = EndsWith(n, ".xlsx");
  if ((n.rfind("ippanmei", 0) == 0 || file_name.find("一般名処方") != std::string::npos) &&
      (csv || xlsx))
    return MasterKind::kGenericName;
  if (n.size() < 3 || n[1] != '_' || !(csv || txt)) return std::nullopt;
  switch (n[0]) {
    case 's':
      return MasterKind::kProcedure;
    case 'y':
      return MasterKind::kDrug;
    case 't':
      return MasterKind::kMaterial;
    case 'c':
      return MasterKind::kComment;
    case 'b':
      return MasterKind::kDisease;
    case 'z':
      return MasterKind::kModifier;
    default:
      return std::nullopt;
  }
}

std::size_t LoadMasterFile(const std::string& path, claims::MasterSet& masters) {
  const std::string name = std::filesystem::path(path).filename().string();
  const auto kind = MasterKindOfFile(name);
  if (!kind)
    throw InputError({path, 0, 0},
                     "マスターのファイル名ではありません (s_/y_/t_/c_/b_/z_ で始まる .csv/.txt、"
                     "または一般名処方マスタ)");
  if (*kind == MasterKind::kGenericName) return LoadGenericNames(path, masters);
  return LoadSskMaster(path, *kind, masters);
}

claims::MasterSet LoadMasters(const std::string& dir, MasterLoadReport* report) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw InputError({dir, 0, 0}, "マスターのフォルダがありません");
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.is_regular_file()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  claims::MasterSet masters;
  std::size_t files = 0;
  for (const std::string& n : names) {
    const std::string path = (std::filesystem::path(dir) / n).string();
    const auto kind = MasterKindOfFile(n);
    if (!kind) {
      if (report) report->skipped.push_back(n);
      continue;
    }
    const std::size_t rows = LoadMasterFile(path, masters);
    ++files;
    if (report)
      report->loaded.push_back(
          fmt::format("{}: {}マスター {} 行", n, claims::MasterKindName(*kind), rows));
  }
  if (files == 0)
    throw InputError(
        {dir, 0, 0},
        "マスターのファイルがありません (s_/y_/t_/c_/b_/z_ で始まる .csv/.txt を置いてください)");
  return masters;
}

}  // namespace kokuho
