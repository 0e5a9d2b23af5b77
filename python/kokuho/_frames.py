"""Turning the engine's columns (dicts of lists and numpy arrays) into pandas DataFrames.

Exact values come from C++ as text ("p/q" or a finite decimal); they become
``fractions.Fraction`` here, nothing is computed.
"""
from fractions import Fraction

import pandas as pd

# Columns holding exact rationals (besides every *_exact and *_rate_percent column).
_EXACT = {
    "alpha", "beta", "beta_prime", "equal_share_index", "gamma", "gamma_difference",
    "weight_sum", "income", "epsilon", "share_insured", "share_households", "share_income",
    "weight", "base_exact", "base_closed", "levy_total", "metric_before", "metric_after",
    "metric_limit", "pro_rata", "nofukin_per_capita", "premium_per_capita", "change_previous",
    "change_base", "collection_rate", "max_increase", "mean_change", "allowance",
}


def is_exact_column(name):
    return name in _EXACT or name.endswith("_exact") or name.endswith("_rate_percent")


def fraction(text):
    """Fraction of "p/q" or a decimal; None stays None."""
    return None if text is None else Fraction(text)


def frame(columns, index=None):
    """A DataFrame of the columns, exact columns as Fraction (object dtype)."""
    data = {}
    for name, values in columns.items():
        if is_exact_column(name):
            data[name] = pd.Series([fraction(v) for v in values], dtype=object)
        else:
            data[name] = values
    df = pd.DataFrame(data)
    if index is not None and len(df.columns):
        df = df.set_index(index)
    return df
