"""kokuho.nofukin and kokuho.explain against `kokuho nofukin --format json` and `kokuho
explain` on the sample prefecture: every figure the API returns equals the CLI's."""
from fractions import Fraction

import pytest

import kokuho
from conftest import GUNMA, cli_json, json_decimal, run_cli


@pytest.fixture(scope="module")
def result():
    return kokuho.nofukin(GUNMA)


@pytest.fixture(scope="module")
def cli():
    return cli_json("nofukin", GUNMA, "--format", "json")


def assert_rates(api_row, prefix, j):
    assert api_row[prefix + "method"] == j["method"]
    # The JSON's rate is the rounded percentage, printed as its exact decimal; the API's is
    # the same rounded rate as a Fraction.
    assert api_row[prefix + "income_rate_percent"] == json_decimal(j["income_rate_percent"])
    assert api_row[prefix + "per_capita"] == j["per_capita"]
    assert api_row[prefix + "per_household"] == j["per_household"]
    if "asset_rate_percent" in j:
        assert api_row[prefix + "asset_rate_percent"] == json_decimal(j["asset_rate_percent"])
    else:
        assert api_row[prefix + "asset_rate_percent"] is None


def test_header(result, cli):
    assert result.prefecture == cli["prefecture"]
    assert result.prefecture_code == cli["prefecture_code"]
    assert result.fiscal_year == cli["fiscal_year"]
    assert result.fiscal_year_wareki == cli["fiscal_year_wareki"]
    assert result.coefficients == cli["coefficients"]
    assert result.warnings == cli.get("warnings", [])


def test_parts_equal_cli(result, cli):
    assert list(result.parts.index) == list(cli["parts"])
    for key, j in cli["parts"].items():
        row = result.parts.loc[key]
        assert row["label"] == j["label"]
        for name in ("alpha", "beta", "beta_prime", "equal_share_index", "gamma"):
            assert isinstance(row[name], Fraction)
            assert row[name] == Fraction(j[name]), name
        # gamma_difference_yen is printed to 6 decimals.
        assert abs(row["gamma_difference"] - Fraction(j["gamma_difference_yen"])) <= Fraction(1, 10**6)
        for name, jname in [("required_premium_total", "required_premium_total"),
                            ("individual_add", "individual_add"),
                            ("individual_sub", "individual_sub"), ("base_total", "base_total"),
                            ("residual_yen", "residual_yen"), ("total", "total")]:
            assert row[name] == j[jname], name
        assert_rates(row, "prefecture_", j["prefecture_standard_rate"])


def test_municipalities_equal_cli(result, cli):
    assert list(result.totals.index) == [m["code"] for m in cli["municipalities"]]
    for m in cli["municipalities"]:
        t = result.totals.loc[m["code"]]
        assert t["name"] == m["name"]
        assert t["insured"] == m["insured"]
        assert t["nofukin_total"] == m["nofukin_total"]
        assert t["retiree_nofukin"] == m["retiree_nofukin"]
        assert t["relief"] == m["relief"]
        for part, amount in m["nofukin"].items():
            row = result.municipalities.loc[(m["code"], part)]
            assert row["nofukin"] == amount
            kinds = m["standard_rates"][part]
            assert row["premium_need"] == kinds["premium_need"]
            assert_rates(row, "municipal_", kinds["municipal"])
            assert_rates(row, "own_basis_", kinds["own_basis"])
            assert_rates(result.parts.loc[part], "prefecture_", kinds["prefecture"])


def test_relief_equal_cli(result, cli):
    j = cli["relief"]
    r = result.relief
    for k in ("enabled", "needed", "contributions", "granted", "short_of_funds",
              "municipalities_relieved"):
        assert r[k] == j[k], k
    assert abs(Fraction(r["pro_rata"]) - Fraction(j["pro_rata"])) <= Fraction(1, 10**10)
    assert [(p["name"], p["budget"], p["drawn"]) for p in r["pools"]] == \
        [(p["name"], p["budget"], p["drawn"]) for p in j["pools"]]


def test_sums_hold(result):
    # Σ_i P_i = the 分's total, and 納付金計 = Σ 分 + 退職被保険者等分, to the yen.
    by_part = result.municipalities.groupby(level="part")["nofukin"].sum()
    for part, total in result.parts["total"].items():
        assert by_part[part] == total
    per_muni = result.municipalities.groupby(level="code")["nofukin"].sum()
    for code, t in result.totals.iterrows():
        assert per_muni[code] + t["retiree_nofukin"] == t["nofukin_total"]
    # B_i exact sums to C exactly (base_closed), and the yen B_i to C.
    for part, row in result.parts.iterrows():
        munis = result.municipalities.xs(part, level="part")
        assert sum(munis["base_closed"]) == row["base_total"]
        assert munis["base"].sum() == row["base_total"]


@pytest.mark.parametrize("code,part", [("102024", "iryo"), ("102016", None), ("104213", "kaigo")])
def test_explain_equals_cli(code, part):
    steps = kokuho.explain(GUNMA, code, part)
    args = ["explain", GUNMA, "-m", code] + (["-p", part] if part else [])
    assert kokuho.explain_text(steps) == run_cli(*args).stdout
    assert steps.attrs["nofukin_total"] == kokuho.nofukin(GUNMA).totals.loc[code, "nofukin_total"]


def test_explain_unknown_municipality():
    with pytest.raises(kokuho.InputError) as e:
        kokuho.explain(GUNMA, "999999")
    assert e.value.message.startswith("municipality: 団体コード「999999」の市町村はこの事例にありません")
