"""kokuho: Japan's National Health Insurance (国民健康保険) finance engine, from Python.

Every figure is computed by kokuho's C++ engines (the same code as the ``kokuho`` command);
this package loads inputs, calls them and returns pandas DataFrames and numpy arrays.
Yen are integers; exact coefficients are ``fractions.Fraction``. See docs/python.md.

    import kokuho
    r = kokuho.nofukin("examples/gunma")          # 納付金 and 標準保険料率
    r.totals.loc["102024", "nofukin_total"]        # 高崎市, in yen
    kokuho.explain("examples/gunma", "102024", "iryo")
    pop = kokuho.synth("examples/gunma", households=100_000, seed=1)
    levies = kokuho.levy(pop, year=2026)           # per household, numpy int64
    kokuho.Population.write("pop.kpop", pop)

Results whose rule values include an unconfirmed value, or a year past the data files'
``known_through`` (allowed only with ``carry_forward=True``, the CLI's --carry-forward), carry
the notes as ``warnings`` (a list of str, the lines the CLI prints after 「注意:」).
"""
import json
import os

import numpy as np
import pandas as pd

from . import _kokuho
from ._errors import CalculationError, InputError, YearNotKnownError
from ._frames import frame
from ._population import columns_from_frame, frame_from_columns

__all__ = [
    "nofukin", "explain", "explain_text", "levy", "prepare", "Prepared", "microsim", "Population", "synth", "scenario_run", "sweep",
    "claims", "InputError", "YearNotKnownError", "CalculationError", "Levies",
    "NofukinResult", "MicrosimResult", "RoadmapResult", "fiscal_year", "PARTS",
]

#: The 分 in the engine's order: 医療分, 後期高齢者支援金分, 介護納付金分, 子ども・子育て支援納付金分.
PARTS = ("iryo", "shien", "kaigo", "kodomo")


def _path(p, what="path"):
    if isinstance(p, (str, os.PathLike)):
        return os.fspath(p)
    raise TypeError(f"{what}: ファイルのパス (str か os.PathLike) を渡してください "
                    f"(渡されたのは {type(p).__name__})")


def fiscal_year(year):
    """A fiscal year (年度) as an int: 2026, "2026", "R8", "令和8年度" (全角 digits too)."""
    if isinstance(year, (int, np.integer)) and not isinstance(year, bool):
        return int(year)
    if isinstance(year, str):
        y = _kokuho._parse_year(year)
        if y:
            return y
    raise InputError("year", 0, 0,
                     f"年度として読めません: 「{year}」。R8, 令和8年度 や 西暦 (例: 2026) のように指定してください")


def _year_or_default(year):
    return _kokuho._last_known_levy_year() if year is None else fiscal_year(year)


# ---------------------------------------------------------------------------------------
# 納付金 and 標準保険料率


class NofukinResult:
    """The 納付金 calculation of a case (``kokuho nofukin``).

    Attributes:
      parts: one row per 分 (index ``part``): α, β, β′, e, γ (rounded and exact), the totals
        and the 都道府県標準保険料率 (``prefecture_*``).
      municipalities: one row per municipality × 分 (index ``code``, ``part``): ε, shares,
        weights, B_i (exact and in yen), 個別加減算, 激変緩和, P_i (``nofukin``), S_i
        (``premium_need``), F_i (``levy_total``) and the 市町村標準保険料率 (``municipal_*``)
        and own-basis rates (``own_basis_*``).
      totals: one row per municipality (index ``code``): 納付金計, 退職被保険者等分, relief.
      relief: the 激変緩和 summary (dict); warnings: list of str.
    Exact values are fractions.Fraction; rates in percent (``*_rate_percent``) are the
    published rounded figures, ``*_exact`` the unrounded ones (as a fraction of income).
    """

    def __init__(self, raw):
        self.prefecture = raw["prefecture"]
        self.prefecture_code = raw["prefecture_code"]
        self.fiscal_year = raw["fiscal_year"]
        self.fiscal_year_wareki = raw["fiscal_year_wareki"]
        self.coefficients = raw["coefficients"]
        self.warnings = list(raw["warnings"])
        self.parts = frame(raw["parts"], index="part")
        self.municipalities = frame(raw["municipalities"], index=["code", "part"])
        self.totals = frame(raw["totals"], index="code")
        self.relief = dict(raw["relief"])

    def __repr__(self):
        return (f"<NofukinResult {self.prefecture} {self.fiscal_year_wareki} "
                f"{len(self.totals)} municipalities, 納付金計 {int(self.totals.nofukin_total.sum()):,} 円>")


def nofukin(case):
    """納付金 and 標準保険料率 of a case folder (prefecture.yaml + 市町村表) or its YAML file."""
    return NofukinResult(_kokuho._nofukin(_path(case, "case")))


def explain(case, code, part=None):
    """The steps of one municipality's 納付金 and 標準保険料率 (``kokuho explain``).

    A DataFrame, one row per step in the CLI's order: step, part, formula, inputs (list of
    (name, value)), result, rounding, source. ``df.attrs`` holds title, nofukin_total,
    retiree_nofukin and warnings; ``explain_text(df)`` prints it as the CLI does.
    """
    raw = _kokuho._explain(_path(case, "case"), str(code), "" if part is None else str(part))
    df = pd.DataFrame(raw["steps"])
    df.index = pd.RangeIndex(1, len(df) + 1, name="number")
    df.attrs = {k: raw[k] for k in ("title", "code", "name", "nofukin_total",
                                     "retiree_nofukin", "warnings")}
    return df


def explain_text(steps):
    """The text ``kokuho explain`` prints, from explain()'s DataFrame."""
    out = [steps.attrs["title"], ""]
    current = object()
    for number, s in steps.iterrows():
        if s["part"] is not None and s["part"] != current:
            out += [f"━━ {s['part_label']} ━━", ""]
        current = s["part"] if s["part"] is not None else current
        head = f"[{number}] {s['step']}"
        if s["part"] is not None:
            head += f" ({s['part_label']})"
        out.append(head)
        if s["formula"]:
            out.append(f"    式: {s['formula']}")
        out += [f"    {name}: {value}" for name, value in s["inputs"]]
        if s["result"]:
            out.append(f"    結果: {s['result']}")
        if s["rounding"]:
            out.append(f"    端数処理: {s['rounding']}")
        if s["source"]:
            out.append(f"    根拠: {s['source']}")
        out.append("")
    total = f"納付金計: {steps.attrs['nofukin_total']:,}円"
    if steps.attrs["retiree_nofukin"]:
        total += f" (うち退職被保険者等分 {steps.attrs['retiree_nofukin']:,}円)"
    out.append(total)
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------
# Households: the levy, populations, microsimulation


class Levies:
    """Every household's levy, as numpy arrays (household i at [i]).

    Attributes: household_id (int64), municipality (uint16 index into ``municipalities``),
    tier (uint8: 0 none, 1 2割, 2 5割, 3 7割 軽減), total (int64 yen), parts (dict 分 →
    int64 賦課額), keigen and over_cap (dict 分 → int64, with ``detail=True``), warnings.
    ``levies["iryo"]`` is ``levies.parts["iryo"]``; ``to_frame()`` gives a DataFrame.
    """

    def __init__(self, raw):
        self.household_id = raw["household_id"]
        self.municipality = raw["municipality"]
        self.municipalities = list(raw["municipalities"])
        self.municipality_names = list(raw["municipality_names"])
        self.tier = raw["tier"]
        self.total = raw["total"]
        self.parts = {p: raw[p] for p in PARTS if p in raw}  # empty with parts=False
        self.keigen = {p: raw["keigen_" + p] for p in PARTS if "keigen_" + p in raw}
        self.over_cap = {p: raw["over_cap_" + p] for p in PARTS if "over_cap_" + p in raw}
        self.warnings = list(raw["warnings"])

    def __len__(self):
        return len(self.total)

    def __getitem__(self, key):
        if key in self.parts:
            return self.parts[key]
        if key in ("total", "tier", "household_id", "municipality"):
            return getattr(self, key)
        raise KeyError(key)

    def to_frame(self):
        """One row per household: household_id, municipality (団体コード), tier, the 分, total."""
        data = {
            "household_id": self.household_id,
            "municipality": pd.Categorical.from_codes(
                self.municipality.astype(np.int32), categories=pd.Index(self.municipalities, dtype=object)),
            "tier": self.tier,
        }
        data.update(self.parts)
        data.update({"keigen_" + p: v for p, v in self.keigen.items()})
        data.update({"over_cap_" + p: v for p, v in self.over_cap.items()})
        data["total"] = self.total
        df = pd.DataFrame(data)
        df.attrs["warnings"] = self.warnings
        return df

    def __repr__(self):
        return f"<Levies {len(self):,} households, Σ {int(self.total.sum()):,} 円>"


def _population_source(population, year):
    """(source, municipalities, name) for the engine: a path, or numpy columns."""
    if isinstance(population, (str, os.PathLike)):
        return os.fspath(population), [], os.fspath(population)
    if isinstance(population, pd.DataFrame):
        cols, codes = columns_from_frame(population)
        return cols, codes, "<DataFrame>"
    if isinstance(population, dict) and "member_offset" in population:
        cols = {k: v for k, v in population.items() if k != "municipalities"}
        codes = [str(c) for c in population.get("municipalities", [])]
        return cols, codes, "<columns>"
    raise TypeError("population: ファイルのパス (.kpop, .csv, .xlsx)、1人1行の DataFrame、"
                    "member_offset を含む numpy の列の dict のどれかを渡してください")


def _is_household(x):
    return isinstance(x, dict) and "members" in x


def levy(households, rates=None, year=None, *, municipality=None, carry_forward=False,
         explain=False, detail=False, threads=0):
    """The 保険料/保険税 of one household or of every household of a population.

    households:
      - a dict in the household file's schema (docs/household-format.md: ``members`` …):
        one household, levied as ``kokuho levy``; returns a dict like ``kokuho levy --format
        json`` (parts by 分, total, 軽減) with ``warnings`` (and ``explanation`` when asked);
      - a population: a file path (.kpop, .csv, .xlsx), a DataFrame with one row per person
        (docs/python.md), a dict of numpy columns (Population.columns) or a ``Prepared``
        population (kokuho.prepare); returns ``Levies``,
        numpy int64 arrays per household, computed by the engine's batch on all cores (or
        ``threads``) with no Python per household.
    rates: the rate table (CSV/xlsx, docs/rates-format.md); default the bundled sample rates.
    year: 年度 (2026, "R8", "令和8年度"); default the last year the national rules are known for.
    carry_forward: allow a year past the data files' known_through (the last known values are
      used and ``warnings`` say so).
    """
    if isinstance(households, Prepared):
        if year is not None and fiscal_year(year) != households.fiscal_year:
            raise InputError("year", 0, 0,
                             f"この母集団は {households.fiscal_year} 年度用に準備したものです"
                             f" (指定は {fiscal_year(year)} 年度)。その年度で kokuho.prepare から"
                             "やり直してください")
        return households.levy(rates, detail=detail, threads=threads)
    y = _year_or_default(year)
    rates = "" if rates is None else _path(rates, "rates")
    if _is_household(households):
        text = json.dumps(households, ensure_ascii=False, default=_json_default)
        return _kokuho._levy_one(text, "<household>", "" if municipality is None else str(municipality),
                                 rates, y, bool(carry_forward), bool(explain))
    if municipality is not None:
        raise TypeError("municipality= は1世帯を計算するときだけ指定できます (母集団では"
                        "各世帯の municipality 列を使います)")
    source, codes, name = _population_source(households, y)
    return Levies(_kokuho._levy_population(source, codes, name, rates, y, bool(carry_forward),
                                          bool(detail), int(threads)))


def _json_default(v):
    if isinstance(v, np.integer):
        return int(v)
    if hasattr(v, "isoformat"):
        return v.isoformat()
    raise TypeError(f"{type(v).__name__} は世帯の値として使えません (数、文字列、日付を"
                    "使ってください)")


class Prepared:
    """A population prepared once for a fiscal year (incomes, 軽減 tiers, months: the
    engine's PrepareAll), to be levied under any number of rate tables without preparing
    again. ``prepared.levy(rates)`` or ``kokuho.levy(prepared, rates)``."""

    def __init__(self, handle):
        self._handle = handle

    @property
    def households(self):
        return self._handle.households

    @property
    def fiscal_year(self):
        return self._handle.fiscal_year

    @property
    def municipalities(self):
        return list(self._handle.municipalities)

    @property
    def warnings(self):
        return list(self._handle.warnings)

    def levy(self, rates=None, *, parts=True, detail=False, threads=0):
        """Levies every household under `rates` (default: the bundled sample rates).
        parts=False gives the totals (and tiers) alone; detail=True adds 軽減 and 限度超過額."""
        rates = "" if rates is None else _path(rates, "rates")
        return Levies(self._handle.levy(rates, bool(parts), bool(detail), int(threads)))

    def __len__(self):
        return self.households

    def __repr__(self):
        return f"<Prepared {self.households:,} households, {self.fiscal_year}年度>"


def prepare(population, year=None, *, carry_forward=False, threads=0):
    """Prepares a population (path, DataFrame or numpy columns) for `year`: ``Prepared``."""
    y = _year_or_default(year)
    source, codes, name = _population_source(population, y)
    return Prepared(_kokuho._prepare(source, codes, name, y, bool(carry_forward), int(threads)))


class MicrosimResult:
    """Per-municipality totals of every household's levy (``kokuho microsim``).

    municipalities: index ``code``; households, members, households by 軽減 tier, and per 分
    (``iryo_amount`` …) the 調定額, its components, 軽減 by tier, 限度超過額 and capped
    households; by_decile (軽減判定所得 deciles of the whole population) and by_type;
    warnings.
    """

    def __init__(self, raw):
        self.fiscal_year = raw["fiscal_year"]
        self.municipalities = frame(raw["municipalities"], index="code")
        self.by_decile = pd.DataFrame(raw["by_decile"])
        self.by_decile.index.name = "decile"
        self.by_type = pd.DataFrame(raw["by_type"]).set_index("type")
        self.warnings = list(raw["warnings"])

    @property
    def total(self):
        return int(self.municipalities["total"].sum())


def microsim(population, rates=None, year=None, *, carry_forward=False, threads=0):
    """Levies every household and returns the municipality totals (``MicrosimResult``)."""
    y = _year_or_default(year)
    rates = "" if rates is None else _path(rates, "rates")
    source, codes, name = _population_source(population, y)
    return MicrosimResult(_kokuho._microsim(source, codes, name, rates, y, bool(carry_forward),
                                            int(threads)))


class Population:
    """Population files (.kpop, .csv, .xlsx) to and from DataFrames (docs/population-format.md)."""

    @staticmethod
    def read(path, year=None):
        """One row per person (columns: docs/python.md). `year` turns a CSV's 年齢 into birth
        dates (default: the last year the national levy rules are known for)."""
        y = _year_or_default(year)
        return frame_from_columns(_kokuho._read_population(_path(path), y))

    @staticmethod
    def read_columns(path, year=None):
        """The file's columns as numpy arrays (the .kpop names, flags as bits), as levy() takes them."""
        y = _year_or_default(year)
        return dict(_kokuho._read_population(_path(path), y))

    @staticmethod
    def write(path, population, year=None):
        """Writes a DataFrame (or numpy columns) by extension, .kpop or .csv, atomically.
        Every value is checked first (InputError at the row)."""
        y = _year_or_default(year)
        source, codes, name = _population_source(population, y)
        if isinstance(source, str):
            raise TypeError("population: DataFrame か numpy の列の dict を渡してください "
                            "(ファイルは kokuho.Population.read で読み込んでから渡します)")
        _kokuho._write_population(_path(path), source, codes, y, name)

    @staticmethod
    def columns(df):
        """The numpy columns of a population DataFrame (member_offset, flags …)."""
        cols, codes = columns_from_frame(df)
        cols["municipalities"] = codes
        return cols


def synth(case, households, seed=1, year=None):
    """A synthetic population for a case's municipalities (``kokuho synth``), as a DataFrame."""
    y = _year_or_default(year)
    m = _kokuho._case_municipalities(_path(case, "case"))
    cols = _kokuho._synth(m["code"], m["name"], m["insured"], m["households"], int(households),
                          int(seed), y)
    return frame_from_columns(cols)


# ---------------------------------------------------------------------------------------
# Roadmaps


class RoadmapResult:
    """A scenario run (``kokuho scenario run``).

    years: one row per 年度 (index fiscal_year): stage, α, 納付金計, relief.
    municipalities: one row per 年度 × municipality (index fiscal_year, code): 納付金,
      1人当たり納付金 and 保険料 (Fraction), changes, 収納率, the 市町村標準保険料率 per 分.
    households: with a population, one row per 年度: households, Σ levy, the bands of change
      (``bands`` labels them), levy by municipality and by decile.
    warnings: list of str.
    """

    def __init__(self, raw):
        self.name = raw["name"]
        self.years = frame(raw["years"], index="fiscal_year")
        self.municipalities = frame(raw["municipalities"], index=["fiscal_year", "code"])
        h = raw["households"]
        self.households = pd.DataFrame(h).set_index("fiscal_year") if h else pd.DataFrame()
        self.bands = list(raw["bands"])
        self.population_municipalities = list(raw["population_municipalities"])
        self.warnings = list(raw["warnings"])


def scenario_run(scenario, population=None, *, carry_forward=False, threads=0):
    """Every year of a scenario file; with a population (path, DataFrame or columns), every
    household levied under each year's rates as a fixed panel."""
    path = _path(scenario, "scenario")
    if population is None:
        source, codes, name = None, [], ""
    else:
        source, codes, name = _population_source(population, None)
    return RoadmapResult(_kokuho._scenario_run(path, source, codes, name, bool(carry_forward),
                                               int(threads)))


def _axis(values):
    if values is None:
        return []
    if isinstance(values, str):
        return [values]
    return [str(v) for v in values]


def sweep(scenario, year=None, *, alpha=None, collection=None, beta_prime=None,
          equal_share=None, allowance=None, threads=0):
    """Variants of one year of a scenario (``kokuho scenario sweep``), smallest largest rise first.

    Each axis is "FROM:TO:STEP" (exact decimals) or a list of values (numbers, Fractions or
    strings). Returns a DataFrame; ``df.attrs["fiscal_year"]`` is the year swept.
    """
    raw = _kokuho._sweep(_path(scenario, "scenario"), 0 if year is None else fiscal_year(year),
                         _axis(alpha), _axis(collection), _axis(beta_prime), _axis(equal_share),
                         _axis(allowance), int(threads))
    df = frame(raw["variants"])
    df.attrs["fiscal_year"] = raw["fiscal_year"]
    return df


from . import claims  # noqa: E402  (uses _kokuho)
