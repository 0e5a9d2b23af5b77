"""レセ電 claims into DataFrames (``kokuho claims read`` / the ``.kclm`` store).

    import kokuho
    c = kokuho.claims.read(["RECEIPTC.UKE"])
    c.receipts          # one row per レセプト: 種別, 診療年月, points, 件数 …
    c.items             # one row per 摘要 line (receipt = row of c.receipts)
    c.diagnoses         # one row per 傷病名
    c.files             # each file with its GO totals and what the receipts add up to
    c.diagnostics       # errors and warnings at file:line:column (c.diagnostics.text)
    c.quarantine        # receipts set aside, with their first error

The receipts hold personal data (生年月日, the person key of 保険者番号|記号|番号|枝番): handle
the frames as such. Messages never quote personal fields.
"""
import os

import numpy as np
import pandas as pd

from . import _kokuho


# Text columns of the diagnostics and quarantine frames (the others are integers).
_TEXT = {"severity", "file", "message", "text", "first_error"}


def _typed(df, text):
    """An empty frame with the dtypes a filled one has (pandas makes empty columns float64),
    so that frames of several reads concatenate and compare equal."""
    if len(df):
        return df
    return df.astype({c: object if c in text else np.int64 for c in df.columns})


class Claims:
    """Receipts, items, diagnoses, files, diagnostics and quarantine as DataFrames."""

    def __init__(self, raw):
        self.files = pd.DataFrame(raw["files"])
        self.receipts = pd.DataFrame(raw["receipts"])
        names = self.files["name"].tolist() if len(self.files) else []
        if len(self.receipts):
            self.receipts.insert(0, "file_name", pd.Categorical.from_codes(
                self.receipts["file"].to_numpy().astype(np.int32),
                categories=pd.Index(range(len(names))) if len(set(names)) != len(names)
                else pd.Index(names, dtype=object)))
        self.items = pd.DataFrame(raw["items"])
        self.diagnoses = pd.DataFrame(raw["diagnoses"])
        self.diagnostics = _typed(pd.DataFrame(raw["diagnostics"]), _TEXT)
        self.quarantine = _typed(pd.DataFrame(raw["quarantine"]), _TEXT)
        self.summary = dict(raw["summary"])

    def __repr__(self):
        return (f"<Claims {len(self.files)} files, {len(self.receipts):,} receipts, "
                f"{len(self.quarantine)} quarantined>")


def read(paths, encoding="auto", salt=None):
    """Reads and checks レセ電 files (one path or a list; volumes of one submission together).

    salt: for the 検索番号 hashes in messages (default: $KOKUHO_CLAIMS_SALT, else none).
    A file that cannot be opened raises kokuho.InputError; problems inside files are
    diagnostics, and their receipts are quarantined, as with ``kokuho claims read``.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = [os.fspath(p) for p in paths]
    if salt is None:
        salt = os.environ.get("KOKUHO_CLAIMS_SALT", "")
    return Claims(_kokuho._claims_read(paths, encoding, salt))


def read_store(path):
    """Reads a columnar claims store file (claims-YYYYMM.kclm, ``kokuho claims ingest``)."""
    return Claims(_kokuho._claims_store(os.fspath(path)))
