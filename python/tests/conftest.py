"""Shared fixtures: the `kokuho` binary of this build (KOKUHO_BINARY) and the source tree
(KOKUHO_SOURCE_DIR), set by ctest; the Python package is imported from the build tree
(PYTHONPATH=build/python)."""
import json
import os
import subprocess
from pathlib import Path

import pytest

SOURCE = Path(os.environ.get("KOKUHO_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BINARY = os.environ.get("KOKUHO_BINARY", str(SOURCE / "build" / "kokuho"))
EXAMPLES = SOURCE / "examples"
GUNMA = EXAMPLES / "gunma"
ROADMAP = EXAMPLES / "gunma-roadmap" / "scenario.yaml"
RATES = EXAMPLES / "levy" / "rates-gunma-sample.csv"
CLAIMS_SAMPLE = SOURCE / "tests" / "data" / "claims" / "RECEIPTC_GAIRAI_SAMPLE.UKE"


def run_cli(*args, check=True):
    """Runs the kokuho binary; returns the CompletedProcess (text)."""
    p = subprocess.run([BINARY, *map(str, args)], capture_output=True, text=True)
    if check and p.returncode != 0:
        raise AssertionError(f"kokuho {' '.join(map(str, args))} failed ({p.returncode}):\n{p.stderr}")
    return p


def cli_json(*args):
    return json.loads(run_cli(*args).stdout)


def json_decimal(x):
    """The exact decimal the CLI printed for a JSON number: nlohmann::json prints the shortest
    text that reads back as the same double, as Python's repr does (ints stay exact)."""
    from fractions import Fraction
    return Fraction(x) if isinstance(x, int) else Fraction(repr(x))


def cli_notes(stderr):
    """The 注意 lines the CLI printed (ParameterNotes)."""
    return [line[len("注意: "):] for line in stderr.splitlines() if line.startswith("注意: ")]


@pytest.fixture(scope="session")
def population_kpop(tmp_path_factory):
    """20,000 synthetic households of the sample prefecture (kokuho synth, seed 7), FY2026."""
    path = tmp_path_factory.mktemp("pop") / "pop.kpop"
    run_cli("synth", "--case", GUNMA, "--households", 20000, "--seed", 7, "--year", 2026,
            "--out", path)
    return path


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: a large case (1 M households), still in the suite")


def _outside_brackets(s):
    """The message without what is inside (), （）, 「」 and "" (nested pairs too)."""
    out, depth, quote = [], 0, False
    for ch in s:
        if ch in "(（「":
            depth += 1
        elif depth and ch in ")）」":
            depth -= 1
            out.append(" ")
        elif ch == '"':
            quote = not quote
            out.append(" ")
        elif not depth and not quote:
            out.append(ch)
    return "".join(out)


def japanese_message_problem(message):
    """Why `message` is not a Japanese message for a user, or "": the rule of
    tests/japanese_text.h (a hiragana or katakana, and no run of four English words outside
    brackets; keys, paths and short terms stay allowed)."""
    if not any("\u3041" <= ch <= "\u30ff" for ch in message):
        return "no Japanese sentence (no hiragana or katakana)"
    run = []
    for token in _outside_brackets(message).split():
        end = token[-1] if token[-1] in ",;:." else ""
        word = token[:-1] if end else token
        if not (word.isascii() and word.isalpha()):
            run = []
            continue
        run.append(word)
        if len(run) >= 4:
            return f'an English sentence: "{" ".join(run)}"'
        if end and end != ",":
            run = []
    return ""
