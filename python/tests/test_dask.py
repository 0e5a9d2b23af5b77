"""kokuho.dask on a dask.distributed LocalCluster (2 worker processes, started and stopped
here): levies, municipality totals, roadmaps and claims checks identical to the one-machine
run, to the yen."""
import numpy as np
import pandas as pd
import pytest

import kokuho
import kokuho.dask as kd
from conftest import CLAIMS_SAMPLE, GUNMA, ROADMAP, EXAMPLES, run_cli

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, host="127.0.0.1")
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def split_population(tmp_path_factory, population_kpop):
    """The 20,000 households in three files: 前橋・高崎, the other cities, the towns."""
    df = kokuho.Population.read(population_kpop)
    code = df["municipality"].astype(str)
    # 団体コード PP CCC check: CCC 2xx are the cities (市), 3xx… the towns and villages.
    groups = [code.isin(["102016", "102024"]), code.str[2] == "2", code.str[2] != "2"]
    groups[1] &= ~groups[0]
    assert (sum(g.astype(int) for g in groups) == 1).all() and all(g.any() for g in groups)
    d = tmp_path_factory.mktemp("split")
    paths = []
    for i, g in enumerate(groups):
        p = d / f"part{i}.kpop"
        kokuho.Population.write(p, df[g.to_numpy()].reset_index(drop=True))
        paths.append(p)
    return df, paths


def test_levy_identical(client, split_population, population_kpop):
    df, paths = split_population
    ddf = kd.read_population(paths)
    assert ddf.npartitions == 3
    lazy = kd.levy(ddf, year=2026, detail=True)
    with distributed.get_task_stream(client) as stream:
        dist = lazy.compute().set_index("household_id").sort_index()
    # The partitions were levied by the cluster's worker processes, not in this process.
    workers = {t["worker"] for t in stream.data}
    assert workers and workers <= set(client.scheduler_info()["workers"])
    local = kokuho.levy(population_kpop, year=2026, detail=True).to_frame()
    local = local.set_index("household_id").sort_index()
    assert len(dist) == len(local) == 20000
    for c in local.columns:
        if c == "municipality":
            assert (dist[c].astype(str) == local[c].astype(str)).all()
        else:
            np.testing.assert_array_equal(dist[c].to_numpy(), local[c].to_numpy(), err_msg=c)
    assert lazy.warnings == local.attrs["warnings"]


def test_microsim_identical(client, split_population, population_kpop):
    _, paths = split_population
    dist = kd.microsim(kd.read_population(paths), year=2026)
    local = kokuho.microsim(population_kpop, year=2026)
    pd.testing.assert_frame_equal(dist.municipalities.sort_index(),
                                  local.municipalities.sort_index())
    pd.testing.assert_frame_equal(dist.by_type, local.by_type)
    assert dist.total == local.total


def test_microsim_refuses_a_municipality_in_two_partitions(client, split_population):
    _, paths = split_population
    with pytest.raises(kokuho.InputError) as e:
        kd.microsim(kd.read_population([paths[0], paths[0]]), year=2026)
    assert e.value.file == "<dask DataFrame>"
    assert e.value.message.startswith("municipality: 団体コード 1020")  # 前橋市 or 高崎市
    assert "の世帯が2つのパーティションに分かれています" in e.value.message


def test_roadmaps_identical(client, population_kpop):
    scenarios = {"sample": ROADMAP, "gradual": EXAMPLES / "gunma-roadmap" / "gradual.yaml"}
    pops = {"sample": population_kpop, "gradual": population_kpop}
    dist = kd.roadmaps(scenarios, pops, carry_forward=True)
    for key, path in scenarios.items():
        local = kokuho.scenario_run(path, population_kpop, carry_forward=True)
        pd.testing.assert_frame_equal(dist[key].years, local.years)
        pd.testing.assert_frame_equal(dist[key].municipalities, local.municipalities)
        pd.testing.assert_frame_equal(dist[key].households, local.households)
        assert dist[key].warnings == local.warnings
    nation = kd.nation_years(dist)
    assert (nation["levy_total"] == sum(r.households["levy_total"] for r in dist.values())).all()


def test_claims_checks_identical(client, tmp_path):
    run_cli("claims", "synth", "--out", tmp_path / "m1", "--receipts", 2000, "--seed", 1,
            "--month", 202406)
    run_cli("claims", "synth", "--out", tmp_path / "m2", "--receipts", 2000, "--seed", 2,
            "--month", 202407)
    months = {202406: sorted((tmp_path / "m1").glob("*.UKE")),
              202407: sorted((tmp_path / "m2").glob("*.UKE")),
              202111: [CLAIMS_SAMPLE]}
    summary, diagnostics = kd.claims_checks(months)
    for month, paths in months.items():
        c = kokuho.claims.read(paths)
        row = summary.loc[month]
        assert row["receipts_read"] == c.summary["receipts_read"] > 0
        assert row["receipts_quarantined"] == c.summary["receipts_quarantined"]
        assert row["errors"] == c.summary["errors"]
        assert row["billed_points"] == c.receipts["billed_points"].sum()
        assert row["points"] == c.files["points"].sum()
        mine = diagnostics[diagnostics["month"] == month].drop(columns="month")
        pd.testing.assert_frame_equal(mine.reset_index(drop=True), c.diagnostics)
