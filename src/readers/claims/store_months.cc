#include "readers/claims/store_months.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "readers/claims/claims_store.h"

namespace kokuho {
namespace {

bool IsStore(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[9] = {};
  in.read(magic, 9);
  return in.gcount() == 9 && std::string_view(magic, 9) == "KOKUHOCLM";
}

}  // namespace

std::vector<StoreMonth> FindStores(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (const auto& e : std::filesystem::directory_iterator(p, ec))
        if (e.is_regular_file() && e.path().extension() == ".kclm")
          found.push_back(e.path().string());
      if (found.empty())
        throw InputError({p, 0, 0},
                         "このフォルダに格納ファイル (claims-YYYYMM.kclm) がありません "
                         "(kokuho claims ingest で作ります)");
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      if (!IsStore(p))
        throw InputError({p, 0, 0},
                         "レセプトの格納ファイル (.kclm) ではありません "
                         "(kokuho claims ingest で作ります)");
      files.push_back(p);
    }
  }
  std::vector<StoreMonth> out;
  for (const std::string& f : files) {
    const ClaimsStore s = ClaimsStore::Open(f);
    StoreMonth m;
    m.path = f;
    m.receipts = s.info().receipts;
    for (const claims::FileSummary& fs : s.info().files)
      if (fs.billing_month > m.billing_month) m.billing_month = fs.billing_month;
    out.push_back(m);
  }
  std::sort(out.begin(), out.end(), [](const StoreMonth& a, const StoreMonth& b) {
    return std::tie(a.billing_month, a.path) < std::tie(b.billing_month, b.path);
  });
  for (std::size_t i = 1; i < out.size(); ++i)
    if (out[i].billing_month == out[i - 1].billing_month && out[i].billing_month != 0)
      throw InputError({out[i].path, 0, 0},
                       fmt::format("請求年月 {} の格納ファイルが2つあります ({} と {}): 同じ月を"
                                   "二重に数えないよう、1か月1ファイルにしてください",
                                   out[i].billing_month, out[i - 1].path, out[i].path));
  return out;
}

void ReadStoreView(const std::string& path, claims::InstitutionTable& institutions,
                   const claims::ViewOptions& options, claims::CheckMonth& out) {
  const ClaimsStore s = ClaimsStore::Open(path);
  for (std::size_t b = 0; b < s.blocks(); ++b)
    claims::AddToView(s.ReadBlock(b), s.info().files, institutions, options, out);
}

void AdoptInstitutions(const claims::InstitutionTable& local, claims::InstitutionTable& run,
                       claims::CheckMonth& month) {
  std::vector<std::uint32_t> to(local.size());
  for (std::uint32_t i = 0; i < local.size(); ++i)
    to[i] = run.Intern(local[i].code, local[i].name, local[i].table);
  auto map = [&](std::uint32_t& i) {
    if (i != claims::kNoIndex) i = to.at(i);
  };
  for (claims::CheckReceipt& r : month.receipts) {
    map(r.institution);
    map(r.prescriber);
  }
}

}  // namespace kokuho
