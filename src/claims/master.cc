#include "claims/master.h"

#include <fmt/format.h>

#include <tuple>

#include "claims/dates.h"

namespace kokuho::claims {

std::string_view MasterKindName(MasterKind kind) {
  switch (kind) {
    case MasterKind::kProcedure:
      return "診療行為";
    case MasterKind::kDrug:
      return "医薬品";
    case MasterKind::kMaterial:
      return "特定器材";
    case MasterKind::kComment:
      return "コメント";
    case MasterKind::kDisease:
      return "傷病名";
    case MasterKind::kModifier:
      return "修飾語";
    case MasterKind::kGenericName:
      return "一般名処方";
  }
  return "";
}

char MasterLetter(MasterKind kind) {
  static constexpr char kLetters[] = {'s', 'y', 't', 'c', 'b', 'z', 'g'};
  return kLetters[static_cast<int>(kind)];
}

std::optional<MasterKind> KindOfCode(std::uint32_t code) {
  if (code < 100000000 || code > 999999999) return std::nullopt;
  switch (code / 100000000) {
    case 1:
      return MasterKind::kProcedure;
    case 6:
      return MasterKind::kDrug;
    case 7:
      return MasterKind::kMaterial;
    case 8:
      return MasterKind::kComment;
    default:
      return std::nullopt;
  }
}

void MasterSet::Add(MasterKind kind, MasterEntry entry) {
  std::string code = entry.code;
  tables_[static_cast<int>(kind)][code].push_back(std::move(entry));
}

const MasterEntry* MasterSet::Find(MasterKind kind, std::string_view code,
                                   std::int32_t month) const {
  const auto& table = tables_[static_cast<int>(kind)];
  const auto it = table.find(std::string(code));
  if (it == table.end()) return nullptr;
  const std::int32_t first = month * 100 + 1;
  const std::int32_t last = month * 100 + DaysInMonth(month / 100, month % 100);
  const MasterEntry* best = nullptr;
  for (const MasterEntry& e : it->second) {
    if (e.valid_from > last || e.valid_to < first) continue;
    if (best == nullptr || e.valid_from > best->valid_from) best = &e;
  }
  return best;
}

std::span<const MasterEntry> MasterSet::Versions(MasterKind kind, std::string_view code) const {
  const auto& table = tables_[static_cast<int>(kind)];
  const auto it = table.find(std::string(code));
  if (it == table.end()) return {};
  return it->second;
}

bool MasterSet::empty() const {
  for (const auto& t : tables_)
    if (!t.empty()) return false;
  return true;
}

void Resolver::Look(MasterKind kind, std::string_view code, std::int32_t month,
                    const std::string& file, std::uint32_t line) {
  ++looked_up_;
  if (masters_.Find(kind, code, month) != nullptr) {
    ++resolved_;
    return;
  }
  auto key = std::make_tuple(static_cast<int>(kind), std::string(code), month);
  auto [it, added] = unresolved_.try_emplace(key);
  UnresolvedCode& u = it->second;
  if (added) {
    u.kind = kind;
    u.code = std::string(code);
    u.month = month;
    u.file = file;
    u.line = line;
    u.other_version = !masters_.Versions(kind, code).empty();
  }
  ++u.uses;
}

void Resolver::Check(const ClaimBatch& batch, std::span<const std::string> file_names) {
  static const std::string kNoName;
  for (const Receipt& rc : batch.receipts) {
    const std::string& file = rc.file < file_names.size() ? file_names[rc.file] : kNoName;
    for (const Item& it : batch.ItemsOf(rc)) {
      const Record& r = batch.records[it.record];
      if (it.code != 0) {
        if (auto kind = KindOfCode(it.code))
          Look(*kind, fmt::format("{:09}", it.code), rc.month, file, r.line);
      }
      // Comment codes inside SI / IY / TO lines (3 pairs).
      if (r.type == RecordCodeOf("SI") || r.type == RecordCodeOf("IY") ||
          r.type == RecordCodeOf("TO")) {
        const std::size_t first = r.type == RecordCodeOf("TO") ? 11 : 7;
        for (std::size_t k = first; k < first + 6; k += 2) {
          const std::string_view c = batch.Field(r, k);
          if (c.size() == 9) Look(MasterKind::kComment, c, rc.month, file, r.line);
        }
      }
    }
    for (const Diagnosis& dg : batch.DiagnosesOf(rc)) {
      const Record& r = batch.records[dg.record];
      // 0000999 (未コード化傷病名) is a row of the master too.
      Look(MasterKind::kDisease, fmt::format("{:07}", dg.code), rc.month, file, r.line);
      if (r.type == RecordCodeOf("SY")) {
        const std::string_view mods = batch.Field(r, 4);
        for (std::size_t i = 0; i + 4 <= mods.size(); i += 4)
          Look(MasterKind::kModifier, mods.substr(i, 4), rc.month, file, r.line);
      }
    }
  }
}

std::vector<UnresolvedCode> Resolver::Unresolved() const {
  std::vector<UnresolvedCode> out;
  out.reserve(unresolved_.size());
  for (const auto& [key, u] : unresolved_) out.push_back(u);
  return out;
}

std::string FormatPrice(std::int64_t hundredths) {
  if (hundredths < 0) return "";
  if (hundredths % 100 == 0) return fmt::format("{}", hundredths / 100);
  return fmt::format("{}.{:02}", hundredths / 100, hundredths % 100);
}

}  // namespace kokuho::claims
