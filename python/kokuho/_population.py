"""Populations as DataFrames: one row per person, and the columns of ``premium::Population``.

A population DataFrame has one row per member, the rows of a household contiguous under one
``household_id`` (as in a population CSV, docs/population-format.md §1). Its columns are the
.kpop column names (§2), with the member flags as boolean columns:

    household_id, municipality (団体コード), tokutei_since,
    birth_date (or age), insured, head, tokutei_doitsu, income_declared, birth_multiple,
    income_given, joined, left, salary_revenue, family_salary, pension_revenue, business,
    family_salary_paid, other_income, land_gains, land_gains_deduction, total_income,
    reduction_income, fixed_asset_tax, former_dependent_since, unemployment_separation,
    unemployment_reason, birth_month

Dates are yyyymmdd integers (0 = none; datetime64 columns are accepted), months yyyymm, money
whole yen. The Japanese headers of a population CSV (世帯番号, 団体コード, 給与収入 …) are
accepted too. Everything here is vectorised numpy: no Python runs per row.
"""
import numpy as np
import pandas as pd

from ._errors import InputError

# Member flag bits (src/premium/population.h).
FLAGS = {
    "insured": 1,
    "head": 2,
    "tokutei_doitsu": 4,
    "income_declared": 8,
    "birth_multiple": 16,
    "income_given": 32,
}
FLAG_DEFAULTS = {"insured": True, "income_declared": True}

MEMBER_INT32 = ["birth_date", "joined", "left", "former_dependent_since",
                "unemployment_separation", "birth_month"]
MEMBER_INT64 = ["salary_revenue", "family_salary", "pension_revenue", "business",
                "family_salary_paid", "other_income", "land_gains", "land_gains_deduction",
                "total_income", "reduction_income", "fixed_asset_tax"]

# The population CSV's headers (docs/population-format.md §1) and their column here.
JAPANESE = {
    "世帯番号": "household_id", "団体コード": "municipality", "世帯主": "head",
    "国保": "insured", "特定同一": "tokutei_doitsu", "生年月日": "birth_date", "年齢": "age",
    "所得申告": "income_declared", "資格取得日": "joined", "資格喪失日": "left",
    "給与収入": "salary_revenue", "専従者給与": "family_salary",
    "公的年金等収入": "pension_revenue", "事業所得": "business",
    "専従者給与支払": "family_salary_paid", "その他所得": "other_income",
    "分離譲渡所得": "land_gains", "譲渡特別控除": "land_gains_deduction",
    "総所得金額等": "total_income", "軽減判定所得": "reduction_income",
    "固定資産税": "fixed_asset_tax", "旧被扶養者取得日": "former_dependent_since",
    "離職日": "unemployment_separation", "離職理由コード": "unemployment_reason",
    "出産予定月": "birth_month", "多胎": "birth_multiple", "特定世帯開始日": "tokutei_since",
}

ORDER = (["household_id", "municipality", "tokutei_since", "birth_date"] + list(FLAGS)
         + ["joined", "left"] + MEMBER_INT64[:8] + ["total_income", "reduction_income",
         "fixed_asset_tax", "former_dependent_since", "unemployment_separation",
         "unemployment_reason", "birth_month"])


def frame_from_columns(cols):
    """One row per member from the engine's columns (household columns repeated)."""
    offsets = np.asarray(cols["member_offset"], dtype=np.int64)
    counts = np.diff(offsets)
    codes = list(cols["municipalities"])
    flags = np.asarray(cols["flags"])
    data = {
        "household_id": np.repeat(cols["household_id"], counts),
        "municipality": pd.Categorical.from_codes(
            np.repeat(np.asarray(cols["municipality"], dtype=np.int32), counts),
            categories=pd.Index(codes, dtype=object)) if codes else
        pd.Categorical([], categories=pd.Index([], dtype=object)),
        "tokutei_since": np.repeat(cols["tokutei_since"], counts),
        "birth_date": cols["birth_date"],
    }
    for name, bit in FLAGS.items():
        data[name] = (flags & bit) != 0
    for name in ["joined", "left"] + MEMBER_INT64 + ["former_dependent_since",
                                                     "unemployment_separation",
                                                     "unemployment_reason", "birth_month"]:
        data[name] = cols[name]
    return pd.DataFrame(data, columns=ORDER)


def _fail(name, column, what, row=0):
    raise InputError(name, row, 0, f"{column}: {what}")


def _int_column(df, column, dtype, name, fill=0):
    """A column as integers: datetime64 to yyyymmdd, blanks (NaN, NaT, None) to `fill`."""
    s = df[column]
    if pd.api.types.is_datetime64_any_dtype(s):
        v = s.dt.year * 10000 + s.dt.month * 100 + s.dt.day
        return v.fillna(fill).to_numpy(np.int64).astype(dtype)
    if s.dtype == object or pd.api.types.is_float_dtype(s) or pd.api.types.is_extension_array_dtype(s):
        v = pd.to_numeric(s, errors="coerce")
        bad = v.isna() & s.notna()
        if bad.any():
            _fail(name, column, "数として読めない値があります。整数 (金額は円単位、日付は "
                  "yyyymmdd) にしてください", int(np.flatnonzero(bad.to_numpy())[0]) + 1)
        if (v.dropna() % 1 != 0).any():
            _fail(name, column, "小数の値があります。整数 (金額は円単位、日付は yyyymmdd) に"
                  "してください", int(np.flatnonzero(((v % 1 != 0) & v.notna()).to_numpy())[0]) + 1)
        return v.fillna(fill).to_numpy(np.int64)
    return s.to_numpy()


def columns_from_frame(df, name="<DataFrame>"):
    """(columns, municipality codes) of a population DataFrame, for the engine.

    Raises InputError for a missing required column, an unknown one, or the rows of a
    household that are not contiguous; the engine checks every value (CheckPopulation).
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"pandas の DataFrame を渡してください (渡されたのは {type(df).__name__})")
    if any(c in JAPANESE for c in df.columns):  # a view under the English names, no copy
        df = df.rename(columns=JAPANESE, copy=False)
    known = set(ORDER) | {"age"}
    for c in df.columns:
        if c not in known:
            _fail(name, c, "この名前の列はありません。列の名前は docs/python.md の表のとおりに"
                  "してください")
    for c in ("household_id", "municipality"):
        if c not in df.columns:
            _fail(name, c, "この列は必須です。列を加えてください")
    if "birth_date" not in df.columns and "age" not in df.columns:
        _fail(name, "birth_date", "生年月日 (birth_date、yyyymmdd) か年齢 (age) の列を渡して"
              "ください")
    n = len(df)
    if n == 0:
        _fail(name, "household_id", "行がありません。世帯員1人につき1行の DataFrame を渡して"
              "ください")
    hid = _int_column(df, "household_id", np.int64, name).astype(np.int64)
    change = np.empty(n, dtype=bool)
    change[0] = True
    np.not_equal(hid[1:], hid[:-1], out=change[1:])
    starts = np.flatnonzero(change)
    ids = hid[starts]
    if len(np.unique(ids)) != len(ids):
        # The first household number that comes back after another household.
        seen = pd.Index(ids).duplicated()
        k = int(np.flatnonzero(seen)[0])
        _fail(name, "household_id",
              f"世帯 {ids[k]} の行が2か所にあります。1つの世帯の行は続けて並べてください "
              "(df.sort_values(\"household_id\", kind=\"stable\") で並べ替えられます)",
              int(starts[k]) + 1)
    counts = np.diff(np.append(starts, n))
    cols = {
        "household_id": ids,
        "member_offset": np.append(starts, n).astype(np.uint32),
    }
    muni = df["municipality"]
    if isinstance(muni.dtype, pd.CategoricalDtype):
        index = muni.cat.codes.to_numpy()
        codes = [str(c) for c in muni.cat.categories]
        if (index < 0).any():
            _fail(name, "municipality", "団体コードがありません。すべての行に書いてください",
                  int(np.flatnonzero(index < 0)[0]) + 1)
    else:
        index, uniques = pd.factorize(muni.astype(str), sort=False)
        codes = [str(c) for c in uniques]
    index = np.asarray(index, dtype=np.int64)
    first = index[starts]
    differs = index != np.repeat(first, counts)
    if differs.any():
        _fail(name, "municipality", "世帯の最初の行と違います。1つの世帯は1つの市町村に"
              "属します", int(np.flatnonzero(differs)[0]) + 1)
    cols["municipality"] = first.astype(np.uint16)
    if "tokutei_since" in df.columns:
        t = _int_column(df, "tokutei_since", np.int64, name).astype(np.int64)
        cols["tokutei_since"] = np.maximum.reduceat(t, starts).astype(np.int32)
    flags = np.zeros(n, dtype=np.uint8)
    for flag, bit in FLAGS.items():
        if flag == "income_given" and flag not in df.columns:
            if "total_income" in df.columns:
                given = df["total_income"].notna().to_numpy()
            else:
                continue
        elif flag in df.columns:
            given = _int_column(df, flag, np.int64, name) != 0
        elif FLAG_DEFAULTS.get(flag):
            given = np.ones(n, dtype=bool)
        else:
            continue
        flags |= np.where(given, bit, 0).astype(np.uint8)
    cols["flags"] = flags
    for c in MEMBER_INT32:
        if c in df.columns:
            cols[c] = _int_column(df, c, np.int32, name)
    for c in MEMBER_INT64:
        if c in df.columns:
            cols[c] = _int_column(df, c, np.int64, name)
    if "unemployment_reason" in df.columns:
        cols["unemployment_reason"] = _int_column(df, "unemployment_reason", np.uint8, name)
    if "age" in df.columns:
        cols["age"] = _int_column(df, "age", np.int32, name, fill=-1)
    return cols, codes
