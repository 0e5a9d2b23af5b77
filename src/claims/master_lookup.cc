#include "claims/master_lookup.h"

#include <fmt/format.h>

namespace kokuho::claims {
namespace {
std::uint64_t Key(std::uint32_t code, std::int32_t month) {
  return (static_cast<std::uint64_t>(code) << 32) | static_cast<std::uint32_t>(month);
}
}  // namespace

const DrugInfo& MasterLookup::Drug(std::uint32_t code, std::int32_t month) {
  auto [it, added] = drugs_.try_emplace(Key(code, month));
  if (!added || !masters_) return it->second;
  if (const MasterEntry* e = masters_->Find(MasterKind::kDrug, fmt::format("{:09}", code), month)) {
    DrugInfo& d = it->second;
    d.found = true;
    d.name = e->name;
    d.unit = e->unit;
    d.generic_code = e->extra;
    d.price = e->price;
    d.generic = e->generic == 1;
    d.form = e->form;
  }
  return it->second;
}

const std::string& MasterLookup::DiseaseIcd10(std::uint32_t code, std::int32_t month) {
  auto [it, added] = icd_.try_emplace(Key(code, month));
  if (added && masters_)
    if (const MasterEntry* e =
            masters_->Find(MasterKind::kDisease, fmt::format("{:07}", code), month))
      it->second = e->extra;
  return it->second;
}

const std::string& MasterLookup::CodeName(std::uint32_t code, std::int32_t month) {
  auto [it, added] = names_.try_emplace(Key(code, month));
  if (added && masters_) {
    if (const auto kind = KindOfCode(code))
      if (const MasterEntry* e = masters_->Find(*kind, fmt::format("{:09}", code), month))
        it->second = e->name;
  }
  return it->second;
}

const std::string& MasterLookup::DiseaseName(std::uint32_t code, std::int32_t month) {
  auto [it, added] = disease_names_.try_emplace(Key(code, month));
  if (added && masters_)
    if (const MasterEntry* e =
            masters_->Find(MasterKind::kDisease, fmt::format("{:07}", code), month))
      it->second = e->name;
  return it->second;
}

const std::string& MasterLookup::ModifierName(std::uint32_t code, std::int32_t month) {
  auto [it, added] = modifier_names_.try_emplace(Key(code, month));
  if (added && masters_)
    if (const MasterEntry* e =
            masters_->Find(MasterKind::kModifier, fmt::format("{:04}", code), month))
      it->second = e->name;
  return it->second;
}

bool MasterLookup::HasGeneric(const std::string& generic_code, std::int32_t month) {
  if (!masters_ || generic_code.empty()) return false;
  if (!members_built_) {
    masters_->ForEach(MasterKind::kDrug,
                      [&](const std::string& code, const std::vector<MasterEntry>& versions) {
                        for (const MasterEntry& e : versions)
                          if (e.generic == 1 && !e.extra.empty()) {
                            generic_members_[e.extra].push_back(code);
                            break;
                          }
                      });
    members_built_ = true;
  }
  auto& by_month = has_generic_[generic_code];
  auto found = by_month.find(month);
  if (found != by_month.end()) return found->second;
  bool any = false;
  auto m = generic_members_.find(generic_code);
  if (m != generic_members_.end())
    for (const std::string& code : m->second) {
      const MasterEntry* e = masters_->Find(MasterKind::kDrug, code, month);
      if (e && e->generic == 1 && e->extra == generic_code) {
        any = true;
        break;
      }
    }
  by_month.emplace(month, any);
  return any;
}

std::int64_t MasterLookup::LowestPrice(const std::string& generic_code, std::int32_t month) {
  if (!masters_ || generic_code.empty()) return -1;
  const std::string key = fmt::format("{}|{}", generic_code, month);
  auto it = lowest_.find(key);
  if (it != lowest_.end()) return it->second;
  std::int64_t v = -1;
  // The 一般名処方マスタ carries no dates per row: the version loaded is the one in force.
  for (const MasterEntry& e : masters_->Versions(MasterKind::kGenericName, generic_code))
    if (e.price >= 0 && (v < 0 || e.price < v)) v = e.price;
  lowest_.emplace(key, v);
  return v;
}

}  // namespace kokuho::claims
