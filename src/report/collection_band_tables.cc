#include "report/collection_band_tables.h"

#include <fmt/format.h>

namespace kokuho {
namespace {

ReportCell Percent(const std::optional<Rational>& v) {
  return v ? ReportCell::Decimal(*v * Rational(100), 2) : ReportCell::Empty();
}

// 収納額 to collect, shown to the yen (rounded up: a part of a yen still has to come in).
ReportCell YenUp(const std::optional<Rational>& v) {
  return v ? ReportCell::Integer(v->ToYen(RoundingMode::kCeil)) : ReportCell::Empty();
}

nlohmann::ordered_json Exact(const std::optional<Rational>& v) {
  return v ? nlohmann::ordered_json(v->ToString()) : nlohmann::ordered_json(nullptr);
}

}  // namespace

ReportTable BuildCollectionBandTable(const kpi::CollectionBands& bands,
                                     const std::vector<kpi::CollectionStanding>& standings,
                                     std::optional<int> year) {
  ReportTable t;
  t.key = "kpi_collection_bands";
  t.title =
      fmt::format("収納率 (現年度分) 規模別: 県内の順位と公表基準 ({} 国保固有指標① / {}実績{})",
                  bands.incentive_year.ToWareki(), bands.actuals_year.ToWareki(),
                  bands.confirmed ? "" : ", 基準値は未確認");
  t.sheet = "収納率規模別";
  t.header = {"団体コード",
              "名称",
              "年度",
              "被保険者数",
              "規模",
              "収納率(%)",
              "規模内順位",
              "規模内団体数",
              "県内判定",
              "上位3割基準(%)",
              "上位5割基準(%)",
              "基準判定",
              "得点",
              "上位3割までの収納額(円)",
              "上位5割までの収納額(円)"};
  for (const auto& s : standings) {
    const kpi::Observation& o = *s.observation;
    if (year && o.year.year() != *year) continue;
    const bool published = s.size_class->top30 || s.size_class->top50;
    t.rows.push_back({ReportCell::Text(o.code.str()), ReportCell::Text(o.name),
                      ReportCell::Text(o.year.ToWareki()), ReportCell::Integer(*o.insured),
                      ReportCell::Text(s.size_class->label), Percent(o.value),
                      ReportCell::Integer(s.rank), ReportCell::Integer(s.in_class),
                      ReportCell::Text(kpi::BandName(s.data_band)), Percent(s.size_class->top30),
                      Percent(s.size_class->top50),
                      ReportCell::Text(published ? kpi::BandName(s.published_band) : "基準なし"),
                      s.points ? ReportCell::Decimal(*s.points, 0) : ReportCell::Empty(),
                      YenUp(s.to_top30), YenUp(s.to_top50)});
  }
  return t;
}

nlohmann::ordered_json CollectionBandJson(const kpi::CollectionBands& bands,
                                          const std::vector<kpi::CollectionStanding>& standings,
                                          std::optional<int> year) {
  using J = nlohmann::ordered_json;
  J out;
  out["thresholds"] = {{"incentive_year", bands.incentive_year.ToShortWareki()},
                       {"actuals_year", bands.actuals_year.ToShortWareki()},
                       {"confirmed", bands.confirmed},
                       {"source", bands.source}};
  J rows = J::array();
  for (const auto& s : standings) {
    const kpi::Observation& o = *s.observation;
    if (year && o.year.year() != *year) continue;
    rows.push_back({{"code", o.code.str()},
                    {"year", o.year.year()},
                    {"insured", *o.insured},
                    {"size_class", s.size_class->label},
                    {"rate", o.value.ToString()},
                    {"rank", s.rank},
                    {"in_class", s.in_class},
                    {"data_band", kpi::BandName(s.data_band)},
                    {"top30", Exact(s.size_class->top30)},
                    {"top50", Exact(s.size_class->top50)},
                    {"published_band", kpi::BandName(s.published_band)},
                    {"points", Exact(s.points)},
                    {"to_top30", Exact(s.to_top30)},
                    {"to_top50", Exact(s.to_top50)}});
  }
  out["rows"] = std::move(rows);
  return out;
}

}  // namespace kokuho
