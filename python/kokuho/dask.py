"""kokuho over Dask: the same engines, run on the partitions of a dask DataFrame or as one
task per prefecture or month, on a dask.distributed cluster (docs/distributed.md).

Each task calls the C++ engine on whole households (a partition holds whole municipalities
or prefectures), so a distributed result is the one-machine result, to the yen: levies are
per household, totals are sums of integers, roadmaps are per prefecture.

    from dask.distributed import Client, LocalCluster
    import kokuho.dask as kd
    client = Client(LocalCluster(n_workers=2, threads_per_worker=1, processes=True))
    pop = kd.read_population(["pop-10.kpop", "pop-11.kpop"])   # one partition per file
    levies = kd.levy(pop, year=2026)                             # dask DataFrame per household
    totals = kd.microsim(pop, year=2026)                         # per municipality, computed
    runs = kd.roadmaps({"10": "gunma/scenario.yaml", …}, populations={…})

Without a Client, Dask's local scheduler runs the same graphs.
"""
import os

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd

import kokuho
from . import _kokuho
from ._population import ORDER

__all__ = ["read_population", "levy", "microsim", "roadmaps", "claims_checks", "DaskLevies"]


def _population_meta():
    cols = kokuho._population.frame_from_columns({
        "member_offset": np.zeros(1, np.uint32), "municipalities": [],
        "household_id": np.zeros(0, np.int64), "municipality": np.zeros(0, np.uint16),
        "tokutei_since": np.zeros(0, np.int32), "flags": np.zeros(0, np.uint8),
        **{c: np.zeros(0, np.int32) for c in kokuho._population.MEMBER_INT32},
        **{c: np.zeros(0, np.int64) for c in kokuho._population.MEMBER_INT64},
        "unemployment_reason": np.zeros(0, np.uint8),
    })
    cols["municipality"] = cols["municipality"].astype(object)
    return cols[ORDER]


def _read_one(path, year):
    df = kokuho.Population.read(path, year)
    df["municipality"] = df["municipality"].astype(object)  # categories differ between files
    return df


def read_population(paths, year=None):
    """A dask DataFrame of population files (.kpop, .csv, .xlsx), one partition per file.

    Each file must hold whole households (e.g. one file per prefecture or municipality).
    The files are read where the tasks run: on a cluster, every worker needs the paths
    (a shared file system, docs/distributed.md).
    """
    paths = [os.fspath(p) for p in paths]
    y = kokuho._year_or_default(year)
    return dd.from_map(_read_one, paths, year=y, meta=_population_meta(),
                       divisions=[None] * (len(paths) + 1), label="kokuho-read-population",
                       enforce_metadata=False)


def _levy_meta(year, carry_forward, detail):
    rules = _kokuho._levied_parts(year, bool(carry_forward))
    data = {"household_id": np.zeros(0, np.int64), "municipality": pd.Series([], dtype=object),
            "tier": np.zeros(0, np.uint8)}
    for p in rules:
        data[p] = np.zeros(0, np.int64)
    if detail:
        for p in rules:
            data["keigen_" + p] = np.zeros(0, np.int64)
        for p in rules:
            data["over_cap_" + p] = np.zeros(0, np.int64)
    data["total"] = np.zeros(0, np.int64)
    return pd.DataFrame(data)


def _levy_partition(pdf, rates, year, carry_forward, detail, threads):
    if len(pdf) == 0:
        return _levy_meta(year, carry_forward, detail)
    df = kokuho.levy(pdf, rates, year, carry_forward=carry_forward, detail=detail,
                     threads=threads).to_frame()
    df["municipality"] = df["municipality"].astype(object)
    df.attrs = {}
    return df


class DaskLevies:
    """The lazy per-household levy: ``frame`` (a dask DataFrame, one row per household, in
    the order of the population), ``warnings`` (the notes of the year's rules), and
    ``compute()`` for a pandas DataFrame with ``attrs["warnings"]``."""

    def __init__(self, frame, warnings):
        self.frame = frame
        self.warnings = warnings

    def compute(self, **kwargs):
        df = self.frame.compute(**kwargs)
        df.attrs["warnings"] = list(self.warnings)
        return df


def levy(population, rates=None, year=None, *, carry_forward=False, detail=False, threads=1):
    """Every household's levy over a dask DataFrame of people (read_population, or any dask
    DataFrame whose partitions hold whole households: partition by municipality or
    prefecture). Returns DaskLevies. `threads` is per task (1: let the workers be the
    parallelism)."""
    y = kokuho._year_or_default(year)
    rates = "" if rates is None else os.fspath(rates)
    warnings = list(_kokuho._rule_notes(y, bool(carry_forward)))
    frame = population.map_partitions(_levy_partition, rates, y, bool(carry_forward),
                                      bool(detail), int(threads),
                                      meta=_levy_meta(y, carry_forward, detail),
                                      enforce_metadata=False, align_dataframes=False)
    return DaskLevies(frame, warnings)


def _microsim_partition(pdf, rates, year, carry_forward, threads):
    if len(pdf) == 0:
        return None
    r = kokuho.microsim(pdf, rates, year, carry_forward=carry_forward, threads=threads)
    return r.municipalities, r.by_type


def microsim(population, rates=None, year=None, *, carry_forward=False, threads=1, **compute):
    """The municipality totals of `kokuho microsim` over a dask DataFrame of people, computed.

    Each partition is levied by the engine; a municipality lies in one partition, so its row
    is the one-machine row, and the household-type totals are sums of integers. (The income
    deciles are ranks over the whole population and are left out: use kokuho.microsim on one
    machine for them.) Returns a MicrosimResult-like object: municipalities, by_type, warnings.
    """
    y = kokuho._year_or_default(year)
    rates = "" if rates is None else os.fspath(rates)
    parts = [dask.delayed(_microsim_partition)(p, rates, y, bool(carry_forward), int(threads))
             for p in population.to_delayed()]
    results = [r for r in dask.compute(*parts, **compute) if r is not None]
    munis = pd.concat([m for m, _ in results])
    if munis.index.has_duplicates:
        dup = munis.index[munis.index.duplicated()][0]
        raise kokuho.InputError("<dask DataFrame>", 0, 0,
                                f"municipality: 団体コード {dup} の世帯が2つのパーティションに"
                                "分かれています。市町村 (または都道府県) ごとにパーティションを"
                                "分けてください")
    by_type = sum(t for _, t in results)
    out = _DistributedMicrosim()
    out.fiscal_year = y
    out.municipalities = munis
    out.by_type = by_type
    out.warnings = list(_kokuho._rule_notes(y, bool(carry_forward)))
    return out


class _DistributedMicrosim:
    @property
    def total(self):
        return int(self.municipalities["total"].sum())


def _roadmap_task(key, scenario, population, carry_forward, threads):
    return key, kokuho.scenario_run(scenario, population, carry_forward=carry_forward,
                                    threads=threads)


def roadmaps(scenarios, populations=None, *, carry_forward=False, threads=1, **compute):
    """Runs many scenario files (e.g. one per prefecture: a nation-wide roadmap) as one task
    each; with `populations` (a dict of the same keys: paths), every household of each is
    levied every year. Returns {key: kokuho.RoadmapResult} and, as ``.years`` of the
    returned dict's ``nation`` helper, nothing more: use ``nation_years(results)``."""
    populations = populations or {}
    tasks = [dask.delayed(_roadmap_task)(key, os.fspath(path),
                                         None if populations.get(key) is None
                                         else os.fspath(populations[key]),
                                         bool(carry_forward), int(threads))
             for key, path in scenarios.items()]
    return dict(dask.compute(*tasks, **compute))


def nation_years(results):
    """One row per 年度: Σ 納付金, relief and (with populations) households and levy over
    every run of `roadmaps` (sums of integers)."""
    years = pd.concat([r.years[["nofukin_total", "relief_needed", "relief_granted"]]
                       for r in results.values()]).groupby(level=0).sum()
    hh = [r.households[["households", "levy_total"]] for r in results.values()
          if len(r.households)]
    if hh:
        years = years.join(pd.concat(hh).groupby(level=0).sum())
    years["prefectures"] = len(results)
    return years


def _claims_task(key, paths, encoding, salt):
    c = kokuho.claims.read(paths, encoding=encoding, salt=salt)
    files = c.files
    row = {
        "month": key,
        "files": len(files),
        "receipts_read": c.summary["receipts_read"],
        "receipts_accepted": c.summary["receipts_accepted"],
        "receipts_quarantined": c.summary["receipts_quarantined"],
        "errors": c.summary["errors"],
        "warnings": c.summary["warnings"],
        "go_count": int(files["go_count"].clip(lower=0).sum()) if len(files) else 0,
        "counted": int(files["counted"].sum()) if len(files) else 0,
        "go_points": int(files["go_points"].clip(lower=0).sum()) if len(files) else 0,
        "points": int(files["points"].sum()) if len(files) else 0,
        "billed_points": int(c.receipts["billed_points"].sum()) if len(c.receipts) else 0,
        "items": len(c.items),
        "diagnoses": len(c.diagnoses),
    }
    diagnostics = c.diagnostics.assign(month=key)
    return row, diagnostics


def claims_checks(months, *, encoding="auto", salt=None, **compute):
    """Reads and checks the レセ電 files of many months, one task per month.

    months: {key (e.g. 202406): [paths]}; the files are read where the tasks run. Returns
    (summary, diagnostics): one row per month (receipts read, accepted, quarantined, errors,
    GO totals against what the receipts add up to, billed points) and every diagnostic with
    its month — the same as kokuho.claims.read of each month on one machine.
    """
    if salt is None:
        salt = os.environ.get("KOKUHO_CLAIMS_SALT", "")
    tasks = [dask.delayed(_claims_task)(key, [os.fspath(p) for p in paths], encoding, salt)
             for key, paths in months.items()]
    results = dask.compute(*tasks, **compute)
    summary = pd.DataFrame([r for r, _ in results]).set_index("month")
    diagnostics = pd.concat([d for _, d in results], ignore_index=True) if results else pd.DataFrame()
    return summary, diagnostics
