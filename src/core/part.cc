#include "core/part.h"

namespace kokuho {

std::string PartKey(Part part) {
  static const char* keys[] = {"iryo", "shien", "kaigo", "kodomo"};
  return keys[static_cast<int>(part)];
}

std::string PartLabel(Part part) {
  static const char* labels[] = {"医療分", "後期高齢者支援金分", "介護納付金分",
                                 "子ども・子育て支援納付金分"};
  return labels[static_cast<int>(part)];
}

std::string PartShortLabel(Part part) {
  static const char* labels[] = {"医療", "支援", "介護", "子ども"};
  return labels[static_cast<int>(part)];
}

std::optional<Part> TryParsePart(std::string_view text) {
  for (Part p : kAllParts) {
    if (text == PartKey(p) || text == PartLabel(p) || text == PartShortLabel(p) ||
        text == PartShortLabel(p) + "分")
      return p;
  }
  return std::nullopt;
}

namespace {

template <typename F>
std::string JoinParts(F&& name, std::string_view last) {
  std::string out;
  for (size_t i = 0; i < kAllParts.size(); ++i) {
    if (i > 0) out += i + 1 == kAllParts.size() ? std::string(last) : std::string(", ");
    out += name(kAllParts[i]);
  }
  return out;
}

}  // namespace

std::string PartKeysText(std::string_view last) { return JoinParts(PartKey, last); }
std::string PartShortLabelsText(std::string_view last) { return JoinParts(PartShortLabel, last); }

}  // namespace kokuho
