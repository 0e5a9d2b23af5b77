// Recall and precision of every check rule and list on the synthetic prefecture (kokuho
// claims synth with planted cases): each planted case must be found (recall 100 %) and
// nothing else (precision 100 %); on data without plants, nothing at all. The table of
// precision and recall per rule is printed (docs/claims-checks.md quotes it).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <bit>
#include <iostream>
#include <map>
#include <set>

#include "../io/io_test_util.h"
#include "claims/check_engine.h"
#include "claims/guidance_lists.h"
#include "claims/parser.h"
#include "claims/synth.h"
#include "readers/claims/check_rules_loader.h"
#include "readers/claims/master_loader.h"

namespace kokuho::claims {
namespace {

struct Generated {
  std::map<std::string, std::string> files;  // .UKE by name
  SynthSummary summary;
  io_test::TempDir dir;  // the masters and the synthetic rules
};

std::unique_ptr<Generated> Generate(double plant_rate, std::uint64_t seed, int months) {
  auto g = std::make_unique<Generated>();
  SynthOptions o;
  o.receipts = 2500;
  o.months = months;
  o.seed = seed;
  o.plant_rate = plant_rate;
  o.write_masters = true;
  g->summary = GenerateClaims(o, [&](const std::string& n, std::string&& b) {
    if (n.size() > 4 && n.substr(n.size() - 4) == ".UKE")
      g->files[n] = std::move(b);
    else
      io_test::WriteBytes(g->dir.Path(n), b);
  });
  return g;
}

// Views per 請求年月 (files grouped by the suffix of their names).
std::map<int, CheckMonth> Views(const Generated& g, InstitutionTable& inst) {
  std::map<int, std::vector<const std::pair<const std::string, std::string>*>> by_month;
  for (const auto& f : g.files) {
    const std::string& n = f.first;
    by_month[std::stoi(n.substr(n.size() - 10, 6))].push_back(&f);
  }
  std::map<int, CheckMonth> out;
  for (const auto& [month, files] : by_month) {
    for (const auto* f : files) {
      ParseResult r = ParseClaims(f->second, f->first);
      for (const Diagnostic& d : r.diagnostics)
        if (d.severity == Severity::kError) ADD_FAILURE() << d.ToString();
      ViewOptions o;
      o.identities = true;
      AddToView(r.batch, std::span<const FileSummary>(&r.file, 1), inst, o, out[month]);
    }
  }
  return out;
}

struct Score {
  int planted = 0, found = 0, hits = 0;
};

// Runs every check and list; returns per kind what was planted and what was found.
std::map<std::string, Score> Evaluate(const Generated& g, bool print) {
  InstitutionTable inst;
  const std::map<int, CheckMonth> views = Views(g, inst);
  const MasterSet masters = LoadMasters(g.dir.path());
  ClaimsRuleBook rules(g.dir.path(), YearPolicy{});
  CheckEngine engine(rules, inst, {&masters});
  ListEngine lists(
      ListParams{.injury_icd10 = {"S", "T0", "T1", "T2", "T30", "T31", "T32", "T33", "T34", "T35"}},
      inst, &masters);
  std::vector<Finding> findings;
  for (const auto& [month, view] : views) {
    engine.AddMonth(view, findings);
    lists.AddMonth(view);
  }
  const ListResults l = lists.Finish();

  // (file, receipt) → (person, 診療年月) for the lists.
  std::map<std::pair<std::string, std::uint32_t>, std::pair<PersonId, std::int32_t>> who;
  for (const auto& [month, view] : views)
    for (const CheckReceipt& r : view.receipts)
      who[{view.sources[r.source], r.number}] = {r.person, r.month};

  std::map<std::string, std::set<std::tuple<std::string, std::uint32_t>>> planted_checks;
  std::map<std::string, std::set<std::pair<PersonId, std::int32_t>>> planted_lists;
  for (const PlantedFinding& p : g.summary.planted) {
    if (p.rule.size() == 3 &&
        (p.rule[0] == 'T' || p.rule[0] == 'Y' || p.rule[0] == 'K' || p.rule[0] == 'H'))
      planted_checks[p.rule].insert({p.file, p.receipt});
    else
      planted_lists[p.rule].insert(who.at({p.file, p.receipt}));
  }
  std::map<std::string, std::set<std::tuple<std::string, std::uint32_t>>> found_checks;
  for (const Finding& f : findings)
    found_checks[f.rule].insert({f.receipts[0].file, f.receipts[0].number});
  std::map<std::string, std::set<std::pair<PersonId, std::int32_t>>> found_lists;
  auto add = [&](const std::string& kind, const auto& rows) {
    for (const auto& r : rows) found_lists[kind].insert({l.persons[r.person].id, r.month});
  };
  add("duplicate_visits", l.duplicate_visits);
  add("frequent_visits", l.frequent_visits);
  add("duplicate_medication", l.duplicate_medication);
  add("polypharmacy", l.polypharmacy);
  add("generic_notice", l.generic_notice);
  add("third_party", l.third_party);

  std::map<std::string, Score> out;
  for (std::string_view kind : PlantedRuleKinds()) {
    const std::string k(kind);
    Score s;
    if (planted_checks.count(k) || found_checks.count(k) || k.size() == 3) {
      const auto& p = planted_checks[k];
      const auto& f = found_checks[k];
      s.planted = static_cast<int>(p.size());
      s.found = static_cast<int>(f.size());
      for (const auto& x : f) s.hits += p.count(x) ? 1 : 0;
    } else {
      const auto& p = planted_lists[k];
      const auto& f = found_lists[k];
      s.planted = static_cast<int>(p.size());
      s.found = static_cast<int>(f.size());
      for (const auto& x : f) s.hits += p.count(x) ? 1 : 0;
    }
    out[k] = s;
  }
  if (print) {
    std::cout << "rule/list               planted  found  recall  precision\n";
    for (std::string_view kind : PlantedRuleKinds()) {
      const Score& s = out[std::string(kind)];
      std::cout << fmt::format("{:<22} {:>8} {:>6} {:>7} {:>10}\n", kind, s.planted, s.found,
                               s.planted ? fmt::format("{:.0f}%", 100.0 * s.hits / s.planted) : "-",
                               s.found ? fmt::format("{:.0f}%", 100.0 * s.hits / s.found) : "-");
    }
  }
  return out;
}

TEST(ClaimsCheckSynth, EveryPlantedCaseIsFoundAndNothingElse) {
  const auto g = Generate(0.004, 3, 5);
  const std::map<std::string, Score> scores = Evaluate(*g, true);
  for (const auto& [kind, s] : scores) {
    EXPECT_GT(s.planted, 0) << kind << ": nothing planted (the test would prove nothing)";
    EXPECT_EQ(s.hits, s.planted) << kind << ": recall " << s.hits << "/" << s.planted;
    EXPECT_EQ(s.hits, s.found) << kind << ": precision " << s.hits << "/" << s.found;
  }
}

TEST(ClaimsCheckSynth, CleanDataHasNoFindings) {
  const auto g = Generate(0.0, 11, 4);
  EXPECT_TRUE(g->summary.planted.empty());
  const std::map<std::string, Score> scores = Evaluate(*g, false);
  for (const auto& [kind, s] : scores) EXPECT_EQ(s.found, 0) << kind;
}

// Regression (issue 17: T02 found 2,180 of 2,182 planted cases at 14 M receipts): the
// generator planted 初診 days that are no case for the rule, after a last visit on the 31st
// (or 29th–31st before February): T02's one month ends on the same day of the next month,
// clamped to that month's end (docs/claims-checks.md 2), so 5/31 → 6/30 is a month later, and
// 1/31 → 2/29 or 2/30 is no date at all. With seed 9, May–June 2024 and plant rate 0.05 the
// old generator planted 6/30 after 5/31 (ika-1000004-202407.UKE receipt 157); now every
// planted 初診 is before the clamped day, and T02 finds each and nothing else. The test also
// checks that the data has plants after a visit on 5/31 (the boundary), so it does not pass
// for want of cases.
TEST(ClaimsCheckSynth, FirstVisitPlantsAtTheMonthBoundaryAreFound) {
  const auto g = Generate(0.05, 9, 2);
  InstitutionTable inst;
  const std::map<int, CheckMonth> views = Views(*g, inst);
  ASSERT_EQ(views.size(), 2u);
  const CheckMonth& may = views.begin()->second;
  const CheckMonth& june = std::next(views.begin())->second;
  // Last day with a line per (person, institution) in May.
  std::map<std::pair<PersonId, std::uint32_t>, int> last_day;
  for (const CheckReceipt& r : may.receipts) {
    std::uint32_t mask = 0;
    for (const CheckItem& it : may.ItemsOf(r)) mask |= it.day_mask;
    int& d = last_day[{r.person, r.institution}];
    if (mask) d = std::max(d, 32 - std::countl_zero(mask));
  }
  int planted = 0, at_boundary = 0;
  for (const PlantedFinding& p : g->summary.planted) {
    if (p.rule != "T02") continue;
    for (const CheckReceipt& r : june.receipts) {
      if (june.sources[r.source] != p.file || r.number != p.receipt) continue;
      ++planted;
      const int before = last_day[{r.person, r.institution}];
      ASSERT_GT(before, 0) << p.file << " " << p.receipt << ": no May visit";
      // 初診料 day: before the same day of June, June having 30 days.
      for (const CheckItem& it : june.ItemsOf(r))
        if (it.code == 111000110)
          EXPECT_LT(std::countr_zero(it.day_mask) + 1, std::min(before, 30));
      if (before == 31) ++at_boundary;
    }
  }
  EXPECT_GT(planted, 50);
  EXPECT_GT(at_boundary, 0) << "no plant after a visit on 5/31: the case is not covered";
  const std::map<std::string, Score> scores = Evaluate(*g, false);
  const Score& t02 = scores.at("T02");
  EXPECT_EQ(t02.planted, planted);
  EXPECT_EQ(t02.hits, t02.planted) << "recall";
  EXPECT_EQ(t02.hits, t02.found) << "precision";
}

}  // namespace
}  // namespace kokuho::claims
