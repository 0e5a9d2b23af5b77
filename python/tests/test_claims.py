"""kokuho.claims against `kokuho claims read --format json` and the .kclm store."""
import json

import pandas as pd
import pytest

import kokuho
from conftest import CLAIMS_SAMPLE, run_cli


@pytest.fixture(scope="module")
def cli():
    p = run_cli("claims", "read", CLAIMS_SAMPLE, "--format", "json", check=False)
    return json.loads(p.stdout)


def test_read_equals_cli(cli):
    c = kokuho.claims.read(CLAIMS_SAMPLE)
    assert len(c.receipts) == len(cli["receipts"]) > 0
    for (_, r), j in zip(c.receipts.iterrows(), cli["receipts"]):
        for k in ("number", "line", "type", "month", "sex", "birth_date", "admission_date",
                  "person_key", "insurance_points", "primary_points", "claim_count"):
            assert r[k] == j[k], k
        assert [r[f"kohi_points_{k + 1}"] for k in range(r["kohi_count"])] == j["kohi_points"]
        assert r["item_count"] == len(j["items"])
        assert r["diagnosis_count"] == len(j["diagnoses"])
        assert r["billed_points"] == sum(i["points"] * i["count"] for i in j["items"]
                                         if i["points"] >= 0 and i["count"] >= 0)
    items = [i for j in cli["receipts"] for i in j["items"]]
    assert len(c.items) == len(items)
    assert c.items["line"].tolist() == [i["line"] for i in items]
    assert c.items["record"].tolist() == [i["record"] for i in items]
    assert c.items["points"].tolist() == [i["points"] for i in items]
    assert c.items["count"].tolist() == [i["count"] for i in items]
    assert [f"{x:09d}" if x else "" for x in c.items["code"]] == [i["code"] for i in items]
    for k in ("name", "table", "institution", "billing_month", "go_count", "go_points",
              "counted", "points", "receipts_read", "receipts_accepted", "receipts_quarantined"):
        assert c.files[k].tolist() == [f[k] for f in cli["files"]], k
    assert c.diagnostics["message"].tolist() == [d["message"] for d in cli["diagnostics"]]
    assert len(c.quarantine) == len(cli["quarantine"])
    for k, v in cli["summary"].items():
        assert c.summary[k] == v, k
    # The GO totals of the sample: 140 件, 86,392 点 (README).
    assert c.files["go_count"].iloc[0] == 140 and c.files["go_points"].iloc[0] == 86392


def test_store_equals_read(tmp_path):
    run_cli("claims", "ingest", CLAIMS_SAMPLE, "--store", tmp_path)
    stores = sorted(tmp_path.glob("claims-*.kclm"))
    assert len(stores) == 1
    s = kokuho.claims.read_store(stores[0])
    c = kokuho.claims.read(CLAIMS_SAMPLE)
    pd.testing.assert_frame_equal(s.receipts, c.receipts)
    pd.testing.assert_frame_equal(s.items, c.items)
    pd.testing.assert_frame_equal(s.diagnoses, c.diagnoses)


def test_missing_file():
    with pytest.raises(kokuho.InputError, match="ファイルがありません"):
        kokuho.claims.read("/nonexistent/RECEIPTC.UKE")
