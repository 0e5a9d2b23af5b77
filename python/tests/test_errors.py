"""Bad input raises kokuho.InputError with the file, line, column and message the CLI prints."""
import shutil

import pytest

import kokuho
from conftest import GUNMA, run_cli


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
