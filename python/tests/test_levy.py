"""kokuho.levy, kokuho.microsim and kokuho.Population against `kokuho levy`, `kokuho
microsim` and `kokuho synth`: one household (dicts, as household files) and populations
(file, DataFrame, numpy columns), every figure equal to the CLI's, to the yen."""
import csv
import json
import random

import numpy as np
import pandas as pd
import pytest
import yaml

import kokuho
from conftest import EXAMPLES, GUNMA, RATES, cli_json, cli_notes, japanese_message_problem, run_cli

PART_FIELDS = ["months", "income", "asset", "per_capita", "household", "child", "tokutei",
               "keigen", "preschool", "former_dependent", "birth", "municipal", "subtotal",
               "cap", "over_cap", "rounding", "amount"]


def assert_levy_equal(api, cli):
    for k in ("municipality", "municipality_name", "fiscal_year", "levy_kind", "keigen",
              "rounding_total", "total", "unconfirmed_rules"):
        assert api[k] == cli[k], k
    assert list(api["parts"]) == list(cli["parts"])
    for part, j in cli["parts"].items():
        for f in PART_FIELDS:
            assert api["parts"][part][f] == j[f], (part, f)
    if "explanation" in cli:
        assert api["explanation"] == cli["explanation"]


@pytest.mark.parametrize("file,code,year", [
    ("family.yaml", "102016", 2026), ("pensioners.json", "102024", 2025),
    ("single-7wari.yaml", "102016", 2026), ("tokutei.yaml", "102041", 2024)])
def test_sample_households_equal_cli(file, code, year):
    path = EXAMPLES / "levy" / file
    household = yaml.safe_load(path.read_text(encoding="utf-8"))
    api = kokuho.levy(household, year=year, municipality=code, explain=True)
    cli = cli_json("levy", path, "-m", code, "--year", year, "--format", "json", "--explain")
    assert_levy_equal(api, cli)
    assert api["warnings"] == cli_notes(run_cli("levy", path, "-m", code, "--year", year).stderr)


def random_household(rng, fy):
    """A household with members of every kind the household file describes."""
    members = []
    n = rng.randint(1, 5)
    for i in range(n):
        m = {"age": rng.choice([rng.randint(0, 17), rng.randint(18, 39), rng.randint(40, 64),
                                rng.randint(65, 74)])}
        income = {}
        if rng.random() < 0.6:
            income["salary_revenue"] = rng.choice([0, 550000, 1030000, 2500000, 4800000,
                                                   rng.randint(0, 20_000_000)])
        if m["age"] >= 60 and rng.random() < 0.7:
            income["pension_revenue"] = rng.randint(0, 4_000_000)
        if rng.random() < 0.2:
            income["business"] = rng.randint(0, 8_000_000)
        if income:
            m["income"] = income
        if rng.random() < 0.1:
            m["fixed_asset_tax"] = rng.randint(0, 300_000)
        if rng.random() < 0.05 and 18 <= m["age"] < 64:
            m["involuntary_unemployment"] = {"separation_date": f"{fy - 1}-10-31",
                                             "reason_code": rng.choice(["11", "23", "33"])}
        if rng.random() < 0.1:
            m["joined"] = f"{fy}-{rng.randint(5, 12):02d}-01"
        members.append(m)
    members[0]["head"] = True
    if members[0]["age"] < 18:
        members[0]["age"] = 30
    if rng.random() < 0.05:
        members[0]["insured"] = False  # 擬制世帯主
        if len(members) == 1:
            members.append({"age": 20})
        members[0].pop("joined", None)
        members[0].pop("involuntary_unemployment", None)
    return {"members": members}


def test_random_households_equal_cli(tmp_path):
    rng = random.Random(20261201)
    codes = ["102016", "102024", "102032", "102041", "103446", "105252"]
    for i in range(40):
        fy = rng.choice([2024, 2025, 2026])
        code = rng.choice(codes)
        h = random_household(rng, fy)
        path = tmp_path / f"h{i}.json"
        path.write_text(json.dumps(h, ensure_ascii=False), encoding="utf-8")
        api = kokuho.levy(h, year=fy, municipality=code)
        cli = cli_json("levy", path, "-m", code, "--year", fy, "--format", "json")
        assert_levy_equal(api, cli)


def test_household_error_like_cli(tmp_path):
    h = {"members": [{"head": True, "age": 42, "income": {"salary_revenue": -5}}]}
    text = json.dumps(h, ensure_ascii=False)
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(kokuho.InputError) as e:
        kokuho.levy(h, year=2026, municipality="102016")
    p = run_cli("levy", path, "-m", "102016", "--year", 2026, check=False)
    assert p.returncode == 1
    # The same place and message; only the file name differs.
    assert p.stderr.strip() == f"kokuho: error: {path}:{e.value.line}:{e.value.column}: {e.value.message}"
    assert e.value.file == "<household>" and e.value.line == 1 and e.value.column > 0
    assert "-5" not in e.value.message  # no amount in messages


def test_year_past_known_through_needs_carry_forward(tmp_path):
    # Rates for FY2027 (R9): the sample's FY2026 rows under the next year.
    rows = list(csv.reader(RATES.open(encoding="utf-8-sig")))
    r9 = [r[:2] + ["令和9年度"] + r[3:] for r in rows[1:] if r[2] == "令和8年度"]
    rates = tmp_path / "rates-r9.csv"
    with rates.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([rows[0]] + r9)
    household = yaml.safe_load((EXAMPLES / "levy" / "family.yaml").read_text(encoding="utf-8"))
    with pytest.raises(kokuho.YearNotKnownError) as e:
        kokuho.levy(household, rates, 2027)
    p = run_cli("levy", EXAMPLES / "levy" / "family.yaml", "-m", "102016", "--year", 2027,
                "--rates", rates, check=False)
    assert p.returncode == 1 and p.stderr.strip() == f"kokuho: error: {e.value}"
    api = kokuho.levy(household, rates, "R9", carry_forward=True)
    p = run_cli("levy", EXAMPLES / "levy" / "family.yaml", "-m", "102016", "--year", 2027,
                "--rates", rates, "--carry-forward")
    assert api["warnings"] and api["warnings"] == cli_notes(p.stderr)
    assert any("令和9年度" in w for w in api["warnings"])
    assert_levy_equal(api, cli_json("levy", EXAMPLES / "levy" / "family.yaml", "-m", "102016",
                                    "--year", 2027, "--rates", rates, "--carry-forward",
                                    "--format", "json"))


def per_household_cli(kpop, tmp_path, year=2026):
    out = tmp_path / "microsim"
    run_cli("microsim", kpop, "--year", year, "--per-household", "--out", out, "--format", "csv")
    return pd.read_csv(out / "households.csv", encoding="utf-8-sig", dtype={"団体コード": str})


TIER = {0: "なし", 1: "2割", 2: "5割", 3: "7割"}


def test_population_file_equals_cli_per_household(population_kpop, tmp_path):
    lev = kokuho.levy(population_kpop, year=2026, detail=True)
    cli = per_household_cli(population_kpop, tmp_path)
    assert len(lev) == len(cli) == 20000
    assert lev.total.dtype == np.int64
    np.testing.assert_array_equal(lev.household_id, cli["世帯番号"].to_numpy())
    np.testing.assert_array_equal(lev.total, cli["合計"].to_numpy())
    codes = np.asarray(lev.municipalities)[lev.municipality]
    np.testing.assert_array_equal(codes, cli["団体コード"].to_numpy())
    np.testing.assert_array_equal(np.vectorize(TIER.get)(lev.tier), cli["軽減"].to_numpy())
    # Parts add up to the total less the rounding on the total (none in the sample rates).
    assert (sum(lev.parts.values()) == lev.total).all()


def test_dataframe_and_columns_equal_file(population_kpop):
    by_file = kokuho.levy(population_kpop, year=2026, detail=True)
    df = kokuho.Population.read(population_kpop)
    by_frame = kokuho.levy(df, year=2026, detail=True)
    cols = kokuho.Population.read_columns(population_kpop)
    by_columns = kokuho.levy(cols, year=2026, detail=True)
    for other in (by_frame, by_columns):
        np.testing.assert_array_equal(other.total, by_file.total)
        np.testing.assert_array_equal(other.tier, by_file.tier)
        for p in by_file.parts:
            np.testing.assert_array_equal(other.parts[p], by_file.parts[p])
            np.testing.assert_array_equal(other.keigen[p], by_file.keigen[p])
            np.testing.assert_array_equal(other.over_cap[p], by_file.over_cap[p])
    frame = by_frame.to_frame()
    assert list(frame.columns[:3]) == ["household_id", "municipality", "tier"]
    assert frame["total"].sum() == by_file.total.sum()


def test_microsim_equals_cli_json(population_kpop):
    api = kokuho.microsim(population_kpop, year=2026)
    cli = cli_json("microsim", population_kpop, "--year", 2026, "--format", "json")
    tiers = {"seven": 3, "five": 2, "two": 1, "none": 0}
    for m in cli["municipalities"]:
        row = api.municipalities.loc[m["code"]]
        assert row["name"] == m["name"]
        for k in ("households", "members", "rounding_total", "total"):
            assert row[k] == m[k], k
        for t in tiers:
            assert row[f"households_{t}"] == m["households_by_tier"][t]
        for part, j in m["parts"].items():
            for k, v in j.items():
                if k == "keigen":
                    for t, amount in v.items():
                        assert row[f"{part}_keigen_{t}"] == amount
                else:
                    assert row[f"{part}_{k}"] == v, (part, k)
    assert api.total == cli["total"]["total"]
    assert list(api.by_decile["upper"]) == cli["decile_upper"]
    for d, g in enumerate(cli["by_decile"]):
        for k, v in g.items():
            assert api.by_decile.loc[d, k] == v
    for t, g in cli["by_type"].items():
        for k, v in g.items():
            assert api.by_type.loc[t, k] == v
    assert api.warnings == cli.get("warnings", [])


def test_population_roundtrip_and_synth(population_kpop, tmp_path):
    df = kokuho.Population.read(population_kpop)
    assert len(df) > 20000 and df["household_id"].nunique() == 20000
    # Writing the DataFrame gives back the same file, byte for byte.
    again = tmp_path / "again.kpop"
    kokuho.Population.write(again, df)
    assert again.read_bytes() == population_kpop.read_bytes()
    # kokuho.synth is `kokuho synth`.
    pd.testing.assert_frame_equal(kokuho.synth(GUNMA, 20000, seed=7, year=2026), df)
    # CSV through the DataFrame: the CLI reads it back to the same population.
    csv_path = tmp_path / "pop.csv"
    kokuho.Population.write(csv_path, df)
    pd.testing.assert_frame_equal(kokuho.Population.read(csv_path, 2026), df)
    # Japanese headers and ages, as a population CSV has them.
    small = pd.DataFrame({"世帯番号": [1, 1, 2], "団体コード": ["102016"] * 3,
                          "世帯主": [1, 0, 1], "年齢": [42, 40, 70],
                          "給与収入": [4_800_000, 1_000_000, 0],
                          "公的年金等収入": [0, 0, 1_800_000]})
    lev = kokuho.levy(small, year=2026)
    family = kokuho.levy({"members": [
        {"head": True, "age": 42, "income": {"salary_revenue": 4800000}},
        {"age": 40, "income": {"salary_revenue": 1000000}}]}, year=2026, municipality="102016")
    assert lev.total[0] == family["total"]


def test_dataframe_errors_name_the_row():
    df = kokuho.synth(GUNMA, 50, seed=3, year=2026)
    bad = df.copy()
    bad.loc[5, "salary_revenue"] = -1
    with pytest.raises(kokuho.InputError) as e:
        kokuho.levy(bad, year=2026)
    assert e.value.file == "<DataFrame>" and e.value.line == 6
    hid = df["household_id"].iloc[5]
    assert e.value.message.startswith(f"salary_revenue (世帯 {hid}): 金額は0以上100億円以下の円単位の整数")
    assert japanese_message_problem(e.value.message) == ""
    bad = df.copy()
    bad.loc[bad.index[-1], "household_id"] = df["household_id"].iloc[0]
    with pytest.raises(kokuho.InputError) as e:
        kokuho.levy(bad, year=2026)
    assert (e.value.file, e.value.line) == ("<DataFrame>", len(df))
    assert e.value.message.startswith(f"household_id: 世帯 {df['household_id'].iloc[0]} の行が2か所にあります")
    bad = df.copy()
    bad["head"] = False
    with pytest.raises(kokuho.InputError) as e:
        kokuho.levy(bad, year=2026)
    assert (e.value.file, e.value.line) == ("<DataFrame>", 1)
    assert "head (世帯 " in e.value.message
    assert "世帯主は1世帯に1人だけにしてください (この世帯は0人)" in e.value.message
    with pytest.raises(kokuho.InputError) as e:
        kokuho.levy(df.assign(salary=1), year=2026)
    assert e.value.message.startswith("salary: この名前の列はありません")
    assert japanese_message_problem(e.value.message) == "", e.value.message
    with pytest.raises(kokuho.InputError, match="団体コード 131016 の令和8年度の料率がありません"):
        kokuho.levy(df.assign(municipality="131016"), year=2026)


def test_columns_in_place_or_converted_levy_the_same(population_kpop):
    """Columns of the engine's own types are read in place; any other integer type, a
    strided view or the other byte order is converted: the same levy, to the yen. The
    results never share memory with the input columns."""
    cols = kokuho.Population.read_columns(population_kpop)
    base = kokuho.levy(cols, year=2026, detail=True)
    arrays = [k for k, v in cols.items() if isinstance(v, np.ndarray)]
    variants = {
        "int64": {k: cols[k].astype(np.int64) for k in arrays},
        "strided": {k: np.repeat(cols[k], 2)[::2] for k in arrays},
        "big-endian": {k: cols[k].astype(cols[k].dtype.newbyteorder(">")) for k in arrays},
    }
    for name, changed in variants.items():
        other = kokuho.levy({**cols, **changed}, year=2026, detail=True)
        np.testing.assert_array_equal(other.total, base.total, err_msg=name)
        np.testing.assert_array_equal(other.household_id, base.household_id, err_msg=name)
        for p in base.parts:
            np.testing.assert_array_equal(other.parts[p], base.parts[p], err_msg=name)
            np.testing.assert_array_equal(other.keigen[p], base.keigen[p], err_msg=name)
    for k in ("household_id", "municipality"):
        assert not np.shares_memory(base[k], cols[k])
    # Changing the input afterwards changes nothing levied.
    total = base.total.copy()
    cols["salary_revenue"][:] = 0
    np.testing.assert_array_equal(base.total, total)
    assert kokuho.levy(cols, year=2026).total.sum() < total.sum()


def test_column_errors_first_row_on_every_thread_count(population_kpop):
    """Wrong values in an early and a late household (each in another thread's share): the
    error names the early row, as a whole check in row order does (Population.write)."""
    cols = kokuho.Population.read_columns(population_kpop)
    offsets = cols["member_offset"]
    early, late = int(offsets[123]), int(offsets[19_000])
    bad = dict(cols)
    bad["business"] = cols["business"].copy()
    bad["business"][[early, late]] = -1
    bad["joined"] = cols["joined"].copy()
    bad["joined"][late - 1] = 20250230
    errors = []
    for threads in (1, 2, 3):
        for run in (lambda: kokuho.levy(bad, year=2026, threads=threads),
                    lambda: kokuho.prepare(bad, 2026, threads=threads),
                    lambda: kokuho.microsim(bad, year=2026, threads=threads)):
            with pytest.raises(kokuho.InputError) as e:
                run()
            errors.append((e.value.file, e.value.line, e.value.column, e.value.message))
    with pytest.raises(kokuho.InputError) as e:
        kokuho.Population.write("/nonexistent/never-written.kpop", bad, year=2026)
    whole = (e.value.file, e.value.line, e.value.column, e.value.message)
    assert whole[:2] == ("<columns>", early + 1)
    assert whole[3].startswith("business (世帯 ")
    assert "金額は0以上100億円以下の円単位の整数で入力してください" in whole[3]
    assert japanese_message_problem(whole[3]) == ""
    assert set(errors) == {whole}


@pytest.mark.slow
def test_million_households_dataframe_equals_kpop(tmp_path):
    """1,000,000 households: the DataFrame path equals `kokuho microsim` on the .kpop, to the yen."""
    kpop = tmp_path / "million.kpop"
    run_cli("synth", "--case", GUNMA, "--households", 1_000_000, "--seed", 11, "--year", 2026,
            "--out", kpop)
    df = kokuho.Population.read(kpop)
    lev = kokuho.levy(df, year=2026)
    cli = per_household_cli(kpop, tmp_path)
    assert len(lev) == len(cli) == 1_000_000
    np.testing.assert_array_equal(lev.household_id, cli["世帯番号"].to_numpy())
    np.testing.assert_array_equal(lev.total, cli["合計"].to_numpy())
    totals = cli_json("microsim", kpop, "--year", 2026, "--format", "json")
    assert int(lev.total.sum()) == totals["total"]["total"]
    for part in lev.parts:
        assert int(lev.parts[part].sum()) == totals["total"]["parts"][part]["amount"]


def test_prepared_levies_under_other_rates(population_kpop, tmp_path):
    """Prepared once, levied under two rate tables: each equals the one-step levy."""
    prepared = kokuho.prepare(population_kpop, 2026)
    assert len(prepared) == 20000 and prepared.fiscal_year == 2026
    rows = list(csv.reader(RATES.open(encoding="utf-8-sig")))
    head = rows[0]
    rate = head.index("所得割率")
    higher = [rows[0]] + [r[:rate] + [f"{float(r[rate].rstrip('%')) + 0.5:.2f}%"] + r[rate + 1:]
                          if r[2] == "令和8年度" else r for r in rows[1:]]
    rates2 = tmp_path / "rates-higher.csv"
    with rates2.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(higher)
    for rates in (RATES, rates2):
        a = prepared.levy(rates)
        b = kokuho.levy(population_kpop, rates, 2026)
        np.testing.assert_array_equal(a.total, b.total)
        for p in b.parts:
            np.testing.assert_array_equal(a.parts[p], b.parts[p])
        only = prepared.levy(rates, parts=False)
        np.testing.assert_array_equal(only.total, b.total)
        assert only.parts == {}
    assert prepared.levy(rates2).total.sum() > prepared.levy(RATES).total.sum()
    assert not prepared.levy().household_id.flags.writeable
