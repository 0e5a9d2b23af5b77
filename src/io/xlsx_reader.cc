#include "io/xlsx_reader.h"

#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/text.h"
#include "io/encoding.h"
#include "io/input_limits.h"

namespace kokuho {
namespace {

constexpr char kNotXlsx[] = "xlsx のファイルではありません";
// Largest part we are willing to inflate (guards against zip bombs).
constexpr zip_uint64_t kMaxPartBytes = zip_uint64_t{1} << 30;
constexpr int kMaxColumn = 16384;  // XFD
constexpr int kMaxRow = 1048576;

// An open zip archive, read-only.
class ZipArchive {
 public:
  explicit ZipArchive(const std::string& path) : path_(path) {
    int error = 0;
    zip_ = zip_open(path.c_str(), ZIP_RDONLY, &error);
    if (zip_ == nullptr) throw InputError({path, 0, 0}, NotXlsxMessage(path));
  }
  ~ZipArchive() {
    if (zip_ != nullptr) zip_discard(zip_);
  }
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  // The uncompressed bytes of entry `name` (case-insensitive), or nullopt if absent.
  std::optional<std::string> Read(const std::string& name) const {
    zip_int64_t index = zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return std::nullopt;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip_, static_cast<zip_uint64_t>(index), 0, &st) != 0 ||
        ((st.valid & ZIP_STAT_SIZE) != 0 && st.size > kMaxPartBytes))
      throw InputError({path_, 0, 0}, Corrupt(name));
    // The inflated size of the workbook's parts together is bounded (a zip bomb of a few
    // hundred KB would otherwise take gigabytes); the size the archive states is only
    // trusted to refuse early, never to reserve.
    const std::uint64_t budget = Limits().xlsx_unzipped_bytes;
    if ((st.valid & ZIP_STAT_SIZE) != 0 && st.size > budget - std::min(budget, unzipped_))
      Refuse(unzipped_ + st.size);
    zip_file_t* file = zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0);
    if (file == nullptr) throw InputError({path_, 0, 0}, Corrupt(name));
    std::string data;
    char buffer[65536];
    while (true) {
      zip_int64_t n = zip_fread(file, buffer, sizeof buffer);
      if (n < 0 || data.size() + static_cast<zip_uint64_t>(n) > kMaxPartBytes) {
        zip_fclose(file);
        throw InputError({path_, 0, 0}, Corrupt(name));
      }
      if (n == 0) break;
      unzipped_ += static_cast<std::uint64_t>(n);
      if (unzipped_ > budget) {
        zip_fclose(file);
        Refuse(unzipped_);
      }
      data.append(buffer, static_cast<size_t>(n));
    }
    zip_fclose(file);
    // pugixml's tree takes about ten times the XML's size (a node per element, attribute
    // and text of 20-odd bytes of XML).
    CheckMemory(path_, std::uint64_t{data.size()} * 12, "このブックの読み込み");
    return data;
  }

  static std::string Corrupt(const std::string& part) {
    return fmt::format(
        "ブックが壊れています (部品 {} を読めません)。Excel で開いて保存し直してください", part);
  }

 private:
  // Explains why a file that exists cannot be opened as a zip archive.
  static std::string NotXlsxMessage(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char magic[4] = {};
    in.read(magic, sizeof magic);
    if (in.gcount() == 4 && std::string_view(magic, 4) == "\xD0\xCF\x11\xE0") {
      return fmt::format(
          "{} (古い .xls のブックか、パスワード付きのブックです)。パスワードなしの .xlsx か "
          "CSV で保存し直してください",
          kNotXlsx);
    }
    return fmt::format("{}。Excel のブック (.xlsx) を指定してください", kNotXlsx);
  }

  [[noreturn]] void Refuse(std::uint64_t bytes) const {
    throw InputError(
        {path_, 0, 0},
        fmt::format("ブックを展開すると上限 {} MiB (KOKUHO_MAX_XLSX_UNZIPPED_MB) を超えます "
                    "(少なくとも {} MiB)。大きな表は CSV で保存するか、"
                    "KOKUHO_MAX_XLSX_UNZIPPED_MB に大きな数 (MiB) を設定してください",
                    Limits().xlsx_unzipped_bytes >> 20, (bytes + (1 << 20) - 1) >> 20));
  }

  std::string path_;
  zip_t* zip_ = nullptr;
  mutable std::uint64_t unzipped_ = 0;  // bytes inflated so far, all parts
};

// The name of an element or attribute without its namespace prefix ("x:c" -> "c").
std::string_view LocalName(const char* name) {
  std::string_view s(name);
  size_t colon = s.find(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

pugi::xml_node Child(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_node child : node.children())
    if (child.type() == pugi::node_element && LocalName(child.name()) == local) return child;
  return {};
}

// Value of the prefixed attribute with local name `local` (e.g. r:id), else of the plain one.
const char* PrefixedAttribute(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_attribute a : node.attributes()) {
    std::string_view name(a.name());
    if (name.find(':') != std::string_view::npos && LocalName(a.name()) == local &&
        name.substr(0, 6) != "xmlns:")
      return a.value();
  }
  return node.attribute(std::string(local).c_str()).value();
}

pugi::xml_document ParseXml(const std::string& data, const std::string& path,
                            const std::string& part) {
  pugi::xml_document doc;
  pugi::xml_parse_result ok =
      doc.load_buffer(data.data(), data.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!ok) throw InputError({path, 0, 0}, ZipArchive::Corrupt(part));
  return doc;
}

// Decodes the _xHHHH_ escapes of OOXML strings (e.g. _x000D_ for CR, _x005F_ for '_').
std::string DecodeXmlEscapes(std::string_view s) {
  if (s.find("_x") == std::string_view::npos) return std::string(s);
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_' &&
        std::all_of(s.begin() + static_cast<long>(i) + 2, s.begin() + static_cast<long>(i) + 6,
                    [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; })) {
      unsigned cp = 0;
      std::from_chars(s.data() + i + 2, s.data() + i + 6, cp, 16);
      if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;  // a lone UTF-16 surrogate
      if (cp < 0x80) {
        out += static_cast<char>(cp);
      } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      }
      i += 7;
    } else {
      out += s[i++];
    }
  }
  return out;
}

// Text of a shared string <si> or an inline string <is>: plain <t> and rich-text
// runs <r><t>, skipping phonetic readings (<rPh>, furigana).
std::string StringItemText(pugi::xml_node item) {
  std::string text;
  for (pugi::xml_node child : item.children()) {
    std::string_view name = LocalName(child.name());
    if (name == "t") {
      text += child.text().get();
    } else if (name == "r") {
      if (pugi::xml_node t = Child(child, "t")) text += t.text().get();
    }
  }
  return DecodeXmlEscapes(text);
}

// "xl/" + "worksheets/sheet1.xml", "/xl/x.xml", "../x.xml" -> a normalised part name.
std::string ResolvePart(const std::string& base_dir, std::string_view target) {
  std::string joined = !target.empty() && target[0] == '/' ? std::string(target.substr(1))
                                                           : base_dir + std::string(target);
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= joined.size()) {
    size_t slash = joined.find('/', start);
    if (slash == std::string::npos) slash = joined.size();
    std::string segment = joined.substr(start, slash - start);
    if (segment == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!segment.empty() && segment != ".") {
      parts.push_back(segment);
    }
    start = slash + 1;
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string DirOf(const std::string& part) {
  size_t slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

// The relationships file of a part: "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels".
std::string RelsOf(const std::string& part) {
  size_t slash = part.rfind('/');
  std::string dir = slash == std::string::npos ? "" : part.substr(0, slash + 1);
  std::string name = slash == std::string::npos ? part : part.substr(slash + 1);
  return dir + "_rels/" + name + ".rels";
}

struct Relationship {
  std::string type;    // e.g. ".../relationships/worksheet"
  std::string target;  // resolved part name
};

bool TypeEndsWith(const Relationship& rel, std::string_view suffix) {
  return rel.type.size() >= suffix.size() &&
         std::string_view(rel.type).substr(rel.type.size() - suffix.size()) == suffix;
}

// Relationships of `part` by id (empty when it has none).
std::unordered_map<std::string, Relationship> ReadRelationships(const ZipArchive& zip,
                                                                const std::string& path,
                                                                const std::string& part) {
  std::unordered_map<std::string, Relationship> rels;
  std::string rels_part = part.empty() ? "_rels/.rels" : RelsOf(part);
  std::optional<std::string> data = zip.Read(rels_part);
  if (!data) return rels;
  pugi::xml_document doc = ParseXml(*data, path, rels_part);
  for (pugi::xml_node rel : Child(doc, "Relationships").children()) {
    if (LocalName(rel.name()) != "Relationship") continue;
    if (std::string_view(rel.attribute("TargetMode").value()) == "External") continue;
    rels[rel.attribute("Id").value()] = Relationship{
        rel.attribute("Type").value(), ResolvePart(DirOf(part), rel.attribute("Target").value())};
  }
  return rels;
}

// Parses "C12" into column 3 and row 12; false when malformed or out of range.
bool ParseCellRef(std::string_view ref, int& column, int& row) {
  size_t i = 0;
  int col = 0;
  while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i])) != 0) {
    col = col * 26 + (std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
    if (col > kMaxColumn) return false;
    ++i;
  }
  int r = 0;
  auto [end, ec] = std::from_chars(ref.data() + i, ref.data() + ref.size(), r);
  if (col == 0 || ec != std::errc() || end != ref.data() + ref.size() || r < 1 || r > kMaxRow)
    return false;
  column = col;
  row = r;
  return true;
}

// Column letters for messages: 3 -> "C", 28 -> "AB".
std::string ColumnLetters(int column) { return ExcelColumnLetters(column); }

struct SheetCell {
  int column;
  std::string text;
};

struct SheetRow {
  int row;
  std::vector<SheetCell> cells;
};

int FilledCells(const SheetRow& row) {
  int n = 0;
  for (const SheetCell& c : row.cells)
    if (!Trim(c.text).empty()) ++n;
  return n;
}

bool IsBlank(const SheetRow& row) {
  for (const SheetCell& cell : row.cells)
    if (!Trim(cell.text).empty()) return false;
  return true;
}

// Reads every cell of a worksheet part as text.
std::vector<SheetRow> ReadSheetCells(const std::string& xml, const std::string& path,
                                     const std::string& part, const std::string& where,
                                     const std::vector<std::string>& shared) {
  pugi::xml_document doc = ParseXml(xml, path, part);
  pugi::xml_node sheet_data = Child(Child(doc, "worksheet"), "sheetData");
  std::map<int, SheetRow> rows;
  int row_number = 0;
  const InputLimits& limits = Limits();
  std::uint64_t cells = 0, text_bytes = 0;
  for (pugi::xml_node row : sheet_data.children()) {
    if (LocalName(row.name()) != "row") continue;
    int r = row.attribute("r").as_int(row_number + 1);
    if (r < 1 || r > kMaxRow) throw InputError({path, 0, 0}, ZipArchive::Corrupt(part));
    row_number = r;
    SheetRow& out = rows.try_emplace(r, SheetRow{r, {}}).first->second;
    if (rows.size() > limits.table_rows + 1)  // + the header
      CheckCount({where, r, 0}, rows.size() - 1, limits.table_rows, "表のデータ行の数",
                 "KOKUHO_MAX_TABLE_ROWS");
    int column = 0;
    for (pugi::xml_node c : row.children()) {
      if (LocalName(c.name()) != "c") continue;
      int cell_row = r;
      if (const char* ref = c.attribute("r").value(); *ref != '\0') {
        if (!ParseCellRef(ref, column, cell_row) || cell_row != r)
          throw InputError({path, 0, 0}, ZipArchive::Corrupt(part));
      } else {
        ++column;
      }
      SourcePos pos{where, r, column};
      std::string_view type = c.attribute("t").value();
      const char* v = Child(c, "v").text().get();
      std::string text;
      if (type == "s") {
        unsigned long index = 0;
        std::string_view sv(v);
        auto [end, ec] = std::from_chars(sv.data(), sv.data() + sv.size(), index);
        if (ec != std::errc() || end != sv.data() + sv.size() || index >= shared.size())
          throw InputError(pos, ZipArchive::Corrupt(part));
        text = shared[index];
      } else if (type == "inlineStr") {
        text = StringItemText(Child(c, "is"));
      } else if (type == "b") {
        text = std::string_view(v) == "1" ? "TRUE" : "FALSE";
      } else if (type == "e") {
        throw InputError(pos, fmt::format("セルが Excel のエラー値 ({}) です。数式を直すか、値を"
                                          "入力してください",
                                          v));
      } else if (type == "str" || type == "d") {
        text = DecodeXmlEscapes(v);
      } else if (*v != '\0') {  // "n" or no type: a number
        std::optional<std::string> number = XlsxNumberText(v);
        if (!number) throw InputError(pos, ZipArchive::Corrupt(part));
        text = std::move(*number);
      }
      // Shared strings are copied into every cell that uses them: bound the text and the
      // cells held, not only the XML.
      text_bytes += text.size();
      if (++cells > limits.table_cells)
        CheckCount(pos, cells, limits.table_cells, "表のセルの数", "KOKUHO_MAX_TABLE_CELLS");
      if (text_bytes > limits.table_bytes)
        throw InputError(pos, fmt::format("シートのセルの文字が上限 {} MiB (KOKUHO_MAX_TABLE_MB) "
                                          "を超えています。読むには KOKUHO_MAX_TABLE_MB に大きな"
                                          "数 (MiB) を設定してください",
                                          limits.table_bytes >> 20));
      out.cells.push_back(SheetCell{column, std::move(text)});
    }
  }
  std::vector<SheetRow> result;
  result.reserve(rows.size());
  for (auto& [r, row] : rows) result.push_back(std::move(row));
  return result;
}

struct SheetEntry {
  std::string name;
  std::string rel_id;
};

}  // namespace

std::optional<std::string> XlsxNumberText(std::string_view stored) {
  std::string_view s = Trim(stored);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value))
    return std::nullopt;
  if (value == 0) return "0";  // also -0
  char buffer[400];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  if (result.ec != std::errc()) return std::nullopt;
  return std::string(buffer, result.ptr);
}

namespace {

// An opened workbook: its sheet list, relationships and shared strings.
struct Workbook {
  std::string path;
  std::unique_ptr<ZipArchive> zip;
  std::string workbook_part = "xl/workbook.xml";
  std::unordered_map<std::string, Relationship> rels;
  std::vector<SheetEntry> sheets;
  std::vector<std::string> shared;
};

Workbook OpenWorkbook(const std::string& path) {
  std::error_code fs_error;
  if (!std::filesystem::is_regular_file(path, fs_error))
    throw InputError({path, 0, 0}, CannotOpenMessage(path));
  const std::uintmax_t file_size = std::filesystem::file_size(path, fs_error);
  if (!fs_error)
    CheckFileSize(path, file_size, Limits().table_bytes, "表 (xlsx)", "KOKUHO_MAX_TABLE_MB");
  Workbook wb;
  wb.path = path;
  wb.zip = std::make_unique<ZipArchive>(path);
  const ZipArchive& zip = *wb.zip;

  // The workbook part, from the package relationships.
  for (const auto& [id, rel] : ReadRelationships(zip, path, ""))
    if (TypeEndsWith(rel, "/officeDocument")) wb.workbook_part = rel.target;
  std::optional<std::string> workbook_xml = zip.Read(wb.workbook_part);
  if (!workbook_xml)
    throw InputError({path, 0, 0},
                     fmt::format("{}。Excel のブック (.xlsx) を指定してください", kNotXlsx));
  pugi::xml_document workbook = ParseXml(*workbook_xml, path, wb.workbook_part);
  wb.rels = ReadRelationships(zip, path, wb.workbook_part);

  for (pugi::xml_node s : Child(Child(workbook, "workbook"), "sheets").children()) {
    if (LocalName(s.name()) != "sheet") continue;
    wb.sheets.push_back(SheetEntry{s.attribute("name").value(), PrefixedAttribute(s, "id")});
  }
  if (wb.sheets.empty()) throw InputError({path, 0, 0}, ZipArchive::Corrupt(wb.workbook_part));

  for (const auto& [id, r] : wb.rels) {
    if (!TypeEndsWith(r, "/sharedStrings")) continue;
    std::optional<std::string> sst_xml = zip.Read(r.target);
    if (!sst_xml) throw InputError({path, 0, 0}, ZipArchive::Corrupt(r.target));
    pugi::xml_document sst = ParseXml(*sst_xml, path, r.target);
    for (pugi::xml_node si : Child(sst, "sst").children())
      if (LocalName(si.name()) == "si") wb.shared.push_back(StringItemText(si));
  }
  return wb;
}

// Every cell of the worksheet `sheet` of `wb` (an InputError for a chart or dialog sheet).
std::vector<SheetRow> ReadWorksheet(const Workbook& wb, const SheetEntry& sheet) {
  const std::string where = wb.path + "[" + sheet.name + "]";
  auto rel = wb.rels.find(sheet.rel_id);
  if (rel == wb.rels.end())
    throw InputError({wb.path, 0, 0}, ZipArchive::Corrupt(wb.workbook_part));
  if (!TypeEndsWith(rel->second, "/worksheet")) {
    throw InputError({where, 0, 0},
                     "このシートはグラフかダイアログのシートです。表のあるワークシートを指定して"
                     "ください");
  }
  std::optional<std::string> sheet_xml = wb.zip->Read(rel->second.target);
  if (!sheet_xml) throw InputError({wb.path, 0, 0}, ZipArchive::Corrupt(rel->second.target));
  return ReadSheetCells(*sheet_xml, wb.path, rel->second.target, where, wb.shared);
}

}  // namespace

std::vector<XlsxSheetCells> ReadXlsxCells(const std::string& path) {
  const Workbook wb = OpenWorkbook(path);
  std::vector<XlsxSheetCells> out;
  for (const SheetEntry& s : wb.sheets) {
    XlsxSheetCells sheet;
    sheet.name = s.name;
    for (SheetRow& row : ReadWorksheet(wb, s)) {
      for (SheetCell& cell : row.cells) {
        if (cell.text.empty()) continue;
        sheet.cells.push_back(XlsxSheetCells::Cell{row.row, cell.column, std::move(cell.text)});
      }
    }
    out.push_back(std::move(sheet));
  }
  return out;
}

Table ReadXlsx(const std::string& path, const std::string& sheet_name) {
  const Workbook wb = OpenWorkbook(path);
  const std::vector<SheetEntry>& sheets = wb.sheets;

  // Choose the sheet: exact name, else the unique one equal after trimming and 全角 → 半角.
  const SheetEntry* chosen = sheet_name.empty() ? &sheets.front() : nullptr;
  if (chosen == nullptr) {
    for (const SheetEntry& s : sheets)
      if (s.name == sheet_name) chosen = &s;
  }
  if (chosen == nullptr) {
    std::string wanted(Trim(NormalizeWidth(sheet_name)));
    int matches = 0;
    for (const SheetEntry& s : sheets) {
      if (Trim(NormalizeWidth(s.name)) == wanted) {
        chosen = &s;
        ++matches;
      }
    }
    if (matches != 1) chosen = nullptr;
  }
  if (chosen == nullptr) {
    std::string names;
    for (const SheetEntry& s : sheets) names += (names.empty() ? "'" : ", '") + s.name + "'";
    throw InputError({path, 0, 0}, fmt::format("シート {} がありません。ブックにあるシート: {}",
                                               sheet_name, names));
  }
  const std::string where = path + "[" + chosen->name + "]";
  std::vector<SheetRow> rows = ReadWorksheet(wb, *chosen);

  // The header: the first non-blank row, spanning its first to last non-empty column — or,
  // when the sheet opens with rows of one cell each (a title such as 「令和8年度 市町村別デー
  // タ」, a note such as 「単位：円」) and a blank row, the first row of two or more cells
  // after them: the layout of most prefecture sheets and of kokuho's own xlsx (title in row
  // 1, header in row 3). Without the blank row a one-cell first row stays the header.
  Table table;
  table.file = where;
  auto row_it =
      std::find_if(rows.begin(), rows.end(), [](const SheetRow& r) { return !IsBlank(r); });
  if (row_it == rows.end())
    throw InputError({where, 0, 0}, "シートが空です。見出し行を書いてください");
  bool blank_seen = false;
  for (auto it = row_it; it != rows.end() && FilledCells(*it) <= 1; ++it) {
    // Sheet rows are numbered: a gap or an empty row is a blank row.
    const auto next = std::next(it);
    if (next == rows.end()) break;
    blank_seen = blank_seen || FilledCells(*next) == 0 || next->row > it->row + 1;
    if (blank_seen && FilledCells(*next) >= 2) {
      row_it = next;
      break;
    }
  }
  const SheetRow& header_row = *row_it;
  int first_col = kMaxColumn + 1;
  int last_col = 0;
  std::map<int, std::string> header_text;
  for (const SheetCell& cell : header_row.cells) {
    std::string text(Trim(NormalizeWidth(cell.text)));
    if (text.empty()) continue;
    first_col = std::min(first_col, cell.column);
    last_col = std::max(last_col, cell.column);
    header_text[cell.column] = std::move(text);
  }
  std::unordered_map<std::string, int> seen;
  for (int col = first_col; col <= last_col; ++col) {
    SourcePos pos{where, header_row.row, col};
    auto it = header_text.find(col);
    if (it == header_text.end()) {
      throw InputError(
          pos, fmt::format("見出し行 ({}行目) に名前のない列があります。{}列から{}列までの"
                           "すべての列に見出しを書いてください",
                           header_row.row, ColumnLetters(first_col), ColumnLetters(last_col)));
    }
    auto [prev, inserted] = seen.emplace(it->second, col);
    if (!inserted) {
      throw InputError(pos, fmt::format("見出し {} が2回あります (最初は{}列)。列の見出しは1回ずつ"
                                        "にしてください",
                                        it->second, ColumnLetters(prev->second)));
    }
    table.header.push_back(TableCell{it->second, pos});
  }

  const size_t width = static_cast<size_t>(last_col - first_col + 1);
  for (++row_it; row_it != rows.end(); ++row_it) {
    const SheetRow& row = *row_it;
    if (IsBlank(row)) continue;
    // Every row gets a cell per header column, written or not: bound them too.
    if ((table.rows.size() + 2) * width > Limits().table_cells)
      CheckCount({where, row.row, 0}, (table.rows.size() + 2) * width, Limits().table_cells,
                 "表のセルの数 (行数 × 見出しの列数)", "KOKUHO_MAX_TABLE_CELLS");
    TableRow out;
    out.pos = SourcePos{where, row.row, 0};
    out.cells.reserve(width);
    for (int col = first_col; col <= last_col; ++col)
      out.cells.push_back(TableCell{"", SourcePos{where, row.row, col}});
    for (const SheetCell& cell : row.cells) {
      if (cell.column < first_col || cell.column > last_col) {
        if (Trim(cell.text).empty()) continue;
        throw InputError(
            {where, row.row, cell.column},
            fmt::format("表の外に値があります。見出し行 ({2}行目) の{0}列から{1}列の外には"
                        "何も書かないでください",
                        ColumnLetters(first_col), ColumnLetters(last_col), header_row.row));
      }
      out.cells[static_cast<size_t>(cell.column - first_col)].text = cell.text;
    }
    table.rows.push_back(std::move(out));
  }
  if (table.rows.empty())
    throw InputError({where, 0, 0},
                     "見出し行の後にデータの行がありません。見出し行の下に1件1行で書いてください");
  return table;
}

}  // namespace kokuho
