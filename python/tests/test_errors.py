"""Bad input raises kokuho.InputError with the file, line, column and message the CLI prints."""
import shutil

import numpy as np
import pytest

import kokuho
from conftest import CLAIMS_SAMPLE, GUNMA, ROADMAP, japanese_message_problem, run_cli


def test_case_error_like_cli(tmp_path):
    case = tmp_path / "case"
    shutil.copytree(GUNMA, case)
    csv = case / "municipalities.csv"
    lines = csv.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[3].split(",")
    cells[2] = "多い"  # 被保険者数 of the third municipality
    lines[3] = ",".join(cells)
    csv.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(kokuho.InputError) as e:
        kokuho.nofukin(case)
    err = e.value
    assert isinstance(err, ValueError)
    assert err.file.endswith("municipalities.csv") and err.line == 4 and err.column == 3
    p = run_cli("nofukin", case, check=False)
    assert p.returncode == 1
    assert p.stderr.strip() == f"kokuho: error: {err}"
    assert str(err) == f"{err.file}:{err.line}:{err.column}: {err.message}"


def test_missing_case():
    with pytest.raises(kokuho.InputError) as e:
        kokuho.nofukin("/nonexistent/case")
    assert e.value.file.startswith("/nonexistent/case")


def test_bad_year():
    with pytest.raises(kokuho.InputError, match="年度として読めません"):
        kokuho.levy({"members": [{"head": True, "age": 30}]}, year="next year",
                    municipality="102016")
    assert kokuho.fiscal_year("令和8年度") == kokuho.fiscal_year("R8") == 2026


def test_errors_pickle():
    import pickle
    e = kokuho.InputError("a.csv", 3, 4, "expected a number")
    back = pickle.loads(pickle.dumps(e))
    assert (back.file, back.line, back.column, back.message) == ("a.csv", 3, 4, "expected a number")
    assert str(back) == "a.csv:3:4: expected a number"


# Every message the Python layer writes itself (python/kokuho, src/python) is Japanese, at its
# place: (file, line) and the start of the message, with the column or argument it names.
def _frame():
    return kokuho.synth(GUNMA, 30, seed=5, year=2026)


def _second_member_row(df):
    """0-based index of the first row that continues a household."""
    ids = df["household_id"].to_numpy()
    return next(i for i in range(1, len(ids)) if ids[i] == ids[i - 1])


def _columns(drop=(), **change):
    cols = kokuho.Population.columns(_frame())
    codes = cols.pop("municipalities")
    for c in drop:
        del cols[c]
    cols.update(change)
    return {**cols, "municipalities": codes}


def _other_code(df, row):
    return next(c for c in df["municipality"].cat.categories if c != df["municipality"].iloc[row])


def _bad_frames():
    df = _frame()
    r = _second_member_row(df)
    text = df.astype({"salary_revenue": object})
    text.loc[3, "salary_revenue"] = "多い"
    frac = df.astype({"salary_revenue": float})
    frac.loc[2, "salary_revenue"] = 0.5
    muni = df.copy()
    muni.loc[r, "municipality"] = _other_code(df, r)
    return [
        ("missing column", df.drop(columns="municipality"), 0, "municipality: この列は必須です"),
        ("no birth date", df.drop(columns="birth_date"), 0,
         "birth_date: 生年月日 (birth_date、yyyymmdd) か年齢 (age) の列を渡してください"),
        ("no rows", df.iloc[:0], 0, "household_id: 行がありません"),
        ("not a number", text, 4, "salary_revenue: 数として読めない値があります"),
        ("a fraction", frac, 3, "salary_revenue: 小数の値があります"),
        ("two municipalities", muni, r + 1, "municipality: 世帯の最初の行と違います"),
    ]


@pytest.mark.parametrize("what,df,line,starts", _bad_frames(), ids=lambda x: x if isinstance(x, str) else "")
def test_dataframe_errors_are_japanese(what, df, line, starts):
    with pytest.raises(kokuho.InputError) as e:
        kokuho.levy(df, year=2026)
    assert (e.value.file, e.value.line) == ("<DataFrame>", line), what
    assert e.value.message.startswith(starts), e.value.message
    assert japanese_message_problem(e.value.message) == "", e.value.message


def test_column_errors_are_japanese():
    n = len(kokuho.Population.columns(_frame())["flags"])
    cases = [
        (_columns(salary=np.zeros(n, np.int64)), "salary: この名前の列はありません"),
        (_columns(flags=np.zeros((n, 1), np.uint8)), "flags: 1次元の配列を渡してください (2次元です)"),
        (_columns(flags=np.zeros(n + 1, np.uint8)),
         f"flags: 値の数が合いません ({n + 1} 個です)。{n} 個の値にしてください"),
        (_columns(joined=np.zeros(n, np.float64)), "joined: 整数の列にしてください (型「float64」)"),
        (_columns(joined=np.full(n, 2**40, np.int64)), "joined: この列の値は -2147483648 〜 2147483647"),
        (_columns(drop=["birth_date"], age=np.full(n, 130, np.int32)), "age: 年齢 (4月1日現在) を0から120までの整数"),
    ]
    for cols, starts in cases:
        with pytest.raises(kokuho.InputError) as e:
            kokuho.levy(cols, year=2026)
        assert e.value.file == "<columns>"
        assert e.value.message.startswith(starts), e.value.message
        assert japanese_message_problem(e.value.message) == "", e.value.message
    cols = _columns(drop=["flags"])
    with pytest.raises(kokuho.InputError, match="^<columns>: flags: この列は必須です"):
        kokuho.levy(cols, year=2026)


def test_argument_errors_are_japanese(tmp_path):
    one = {"members": [{"head": True, "age": 40}]}
    cases = [
        (lambda: kokuho.levy(one, year=2026), "<household>", "municipality: 市町村がわかりません"),
        (lambda: kokuho.levy(one, year=2026, municipality="102017"), "<household>",
         "municipality: 「102017」は検査数字 (6桁目) が合いません。102016"),
        (lambda: kokuho.levy({**one, "municipality": "102016"}, year=2026, municipality="102024"),
         "<household>", "municipality: 世帯の団体コード「102016」と municipality= の「102024」が違います"),
        (lambda: kokuho.levy(kokuho.prepare(_frame(), 2026), year=2027), "year",
         "この母集団は 2026 年度用に準備したものです (指定は 2027 年度)"),
        (lambda: kokuho.synth(GUNMA, 0), "households", "世帯数「0」は作れません"),
        (lambda: kokuho.explain(GUNMA, "999999"), str(GUNMA),
         "municipality: 団体コード「999999」の市町村はこの事例にありません"),
        (lambda: kokuho.explain(GUNMA, "102016", "iryou"), str(GUNMA),
         "part: 「iryou」はこの事例の分ではありません"),
        (lambda: kokuho.sweep(ROADMAP, alpha="0:x:0.1"), "alpha", "「x」は数として読めません"),
        (lambda: kokuho.sweep(ROADMAP, alpha="0:1"), "alpha",
         "「0:1」は FROM:TO:STEP (例: \"0:1:0.05\") の形で書いてください"),
        (lambda: kokuho.sweep(ROADMAP, alpha="1:0:0.1"), "alpha", "「1:0:0.1」: FROM ≤ TO、STEP は0より大きく"),
        (lambda: kokuho.claims.read(CLAIMS_SAMPLE, encoding="latin1"), "encoding",
         "「latin1」は使えません。auto、cp932、utf8 のどれかを指定してください"),
    ]
    for run, file, starts in cases:
        with pytest.raises(kokuho.InputError) as e:
            run()
        assert e.value.file == file and e.value.message.startswith(starts), str(e.value)
        assert japanese_message_problem(e.value.message) == "", e.value.message


def test_type_errors_are_japanese():
    df = _frame()
    cases = [
        (lambda: kokuho.levy(42, year=2026), "population: ファイルのパス"),
        (lambda: kokuho.levy(df, year=2026, municipality="102016"), "municipality= は1世帯を"),
        (lambda: kokuho.levy({"members": [{"head": True, "age": 40, "x": object()}]}, year=2026,
                             municipality="102016"), "object は世帯の値として使えません"),
        (lambda: kokuho.nofukin(42), "case: ファイルのパス (str か os.PathLike) を渡してください"),
        (lambda: kokuho.Population.write("x.kpop", "pop.csv", year=2026), "population: DataFrame か"),
        (lambda: kokuho.Population.columns([1, 2]), "pandas の DataFrame を渡してください"),
    ]
    for run, starts in cases:
        with pytest.raises(TypeError) as e:
            run()
        assert str(e.value).startswith(starts), str(e.value)
        assert japanese_message_problem(str(e.value)) == "", str(e.value)
