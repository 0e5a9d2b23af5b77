"""kokuho.scenario_run and kokuho.sweep against `kokuho scenario run|sweep --format json`."""
from fractions import Fraction
from pathlib import Path

import pytest

import kokuho
from conftest import ROADMAP, cli_json, cli_notes, json_decimal, run_cli


def none_or_fraction(v):
    return None if v is None else Fraction(v)


def test_roadmap_with_households_equals_cli(population_kpop):
    api = kokuho.scenario_run(ROADMAP, population_kpop, carry_forward=True)
    cli = cli_json("scenario", "run", ROADMAP, "--population", population_kpop,
                   "--carry-forward", "--format", "json")
    assert api.name == cli["scenario"]
    assert list(api.years.index) == [y["fiscal_year"] for y in cli["years"]]
    for y in cli["years"]:
        fy = y["fiscal_year"]
        row = api.years.loc[fy]
        for k in ("label", "stage", "nofukin_total", "relief_needed", "relief_granted",
                  "tokurei_drawn", "adjust_drawn"):
            assert row[k] == y[k], k
        assert row["alpha"] == Fraction(y["alpha"])
        for m in y["municipalities"]:
            r = api.municipalities.loc[(fy, m["code"])]
            for k in ("name", "insured", "nofukin", "relief_needed", "relief_granted"):
                assert r[k] == m[k], k
            for k in ("nofukin_per_capita", "premium_per_capita", "collection_rate",
                      "change_previous", "change_base"):
                assert r[k] == none_or_fraction(m[k]), k
            for part, rates in m["standard_rates"].items():
                assert r[f"{part}_income_rate_percent"] == json_decimal(rates["income_rate_percent"])
                assert r[f"{part}_per_capita"] == rates["per_capita"]
                assert r[f"{part}_per_household"] == rates["per_household"]
        h = api.households.loc[fy]
        assert h["households"] == y["households"]["households"] == 20000
        assert h["levy_total"] == y["households"]["levy_total"]
        assert list(h["change_base"]) == y["households"]["change_base"]
        assert list(h["change_previous"]) == y["households"]["change_previous"]
        assert sum(h["levy_by_municipality"]) == h["levy_total"]
    assert api.bands == cli["years"][0]["households"]["bands"]
    p = run_cli("scenario", "run", ROADMAP, "--population", population_kpop, "--carry-forward")
    assert api.warnings and api.warnings == cli_notes(p.stderr)


def test_roadmap_population_as_dataframe(population_kpop):
    by_file = kokuho.scenario_run(ROADMAP, population_kpop, carry_forward=True)
    by_frame = kokuho.scenario_run(ROADMAP, kokuho.Population.read(population_kpop),
                                   carry_forward=True)
    assert by_frame.households["levy_total"].tolist() == by_file.households["levy_total"].tolist()
    assert by_frame.years.equals(by_file.years)


def test_roadmap_past_known_years_needs_carry_forward(population_kpop):
    with pytest.raises(kokuho.YearNotKnownError) as e:
        kokuho.scenario_run(ROADMAP, population_kpop)
    p = run_cli("scenario", "run", ROADMAP, "--population", population_kpop, check=False)
    assert p.returncode == 1 and p.stderr.strip() == f"kokuho: error: {e.value}"


def test_sweep_equals_cli():
    # gradual.yaml's 令和10年度 is 現行, where α applies (from 納付金ベース on α is 0 and the CLI
    # refuses or drops an α axis).
    gradual = str(Path(ROADMAP).parent / "gradual.yaml")
    api = kokuho.sweep(gradual, "R10", alpha="0:1:0.25", collection=["0.92", Fraction(47, 50)])
    cli = cli_json("scenario", "sweep", gradual, "--year", "R10", "--alpha", "0:1:0.25",
                   "--collection", "0.92,0.94", "--format", "json")
    assert len(api) == len(cli["variants"]) == 10
    for (_, row), v in zip(api.iterrows(), cli["variants"]):
        for k in ("alpha", "collection_rate", "beta_prime", "equal_share_index", "allowance",
                  "max_increase", "mean_change"):
            assert row[k] == none_or_fraction(v[k]), k
        for k in ("max_code", "municipalities_up_5", "relief_needed", "relief_granted",
                  "nofukin_total"):
            assert row[k] == v[k], k
    with pytest.raises(kokuho.InputError, match="FROM ≤ TO"):
        kokuho.sweep(ROADMAP, alpha="1:0:0.1")


def test_sweep_over_alpha_where_it_is_fixed_says_so():
    # gradual.yaml's 令和13年度 is 準統一: α is 0 there, as in the CLI (tests/cli/scenario_cli_test).
    gradual = str(Path(ROADMAP).parent / "gradual.yaml")
    with pytest.raises(kokuho.InputError, match="令和13年度は「準統一」の年度で、α は 0 に固定されます"):
        kokuho.sweep(gradual, "R13", alpha="0:1:0.25")
    with pytest.warns(UserWarning, match="alpha を外して計算します"):
        df = kokuho.sweep(gradual, "R13", alpha="0:1:0.25", allowance=["0.01", "0.03"])
    assert len(df) == 2  # the allowance axis only
