"""Invariants of the simulated ledger."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from norrlager.reference import accounts
from norrlager.simulate.calibrate import calibrate
from norrlager.simulate.ledger.lines import LedgerSimulator, split_large_lines
from norrlager.simulate.region import simulate_region
from norrlager.simulate.split import split_by_weights, split_exact


@pytest.fixture(scope="module")
def small_ledger():
    return LedgerSimulator(calibrate(), scale=0.02, seed=11).ledger()


def test_split_exact_keeps_totals_to_the_ore() -> None:
    rng = np.random.default_rng(1)
    totals = np.array([100_001, -55, 0, 7], dtype=np.int64)
    parent, parts = split_exact(totals, np.array([3, 2, 1, 5]), rng)
    assert np.bincount(parent, parts).astype(np.int64).tolist() == totals.tolist()
    m = split_by_weights(totals, np.ones((4, 12)))
    assert m.sum(axis=1).tolist() == totals.tolist()


def test_a_line_above_the_extracts_ceiling_is_booked_as_several_that_add_up() -> None:
    lines = pd.DataFrame({"series": ["PM", "PM", "LF", "LF"], "year": 2019, "month": 12,
                          "pair": [1, 1, 2, 2], "rad": [1, 2, 1, 2],
                          "ore": [2_500, -2_500, 7, -7], "text": ["memo", "memo", "a", "b"]})
    split = split_large_lines(lines, ceiling_ore=1_000)
    memo = split[split.pair == 1]
    assert memo.ore.tolist() == [834, 833, 833, -834, -833, -833]
    assert memo.rad.tolist() == [1, 2, 3, 4, 5, 6]  # the verification's lines, numbered again
    unsplit = split[split.pair == 2].reset_index(drop=True)
    assert unsplit.equals(lines[lines.pair == 2].reset_index(drop=True))  # within the ceiling
    assert split_large_lines(lines, ceiling_ore=10_000) is lines


def test_every_verification_balances(small_ledger) -> None:
    sums = small_ledger.lines.groupby("verifikation").belopp.sum()
    assert (sums == 0).all()


def test_opening_balance_sheet_balances(small_ledger) -> None:
    assert small_ledger.opening.belopp.sum() == 0


def test_internal_trade_is_booked_on_both_sides(small_ledger) -> None:
    lines = small_ledger.lines
    internal = lines[lines.motpart.str.startswith("INT-")]
    kind = internal.konto.map(lambda k: accounts()[k].kind)
    per_year = internal.groupby([internal.period.str[:4], kind]).belopp.sum().unstack()
    assert (per_year["verksamhetens_intakt"] + per_year["verksamhetens_kostnad"] == 0).all()
    assert (per_year["verksamhetens_intakt"] < 0).all()  # revenue is a credit


def test_corrections_of_earlier_months_exist(small_ledger) -> None:
    corrections = small_ledger.lines[small_ledger.lines.verifikation.str.startswith("RÄ")]
    assert len(corrections) > 0
    assert corrections.text.str.contains("Rättelse").all()


def test_scale_multiplies_the_region(small_ledger) -> None:
    """Amounts scale with the region; volumes too, above one line per cost centre and month."""
    cal = calibrate()
    larger = LedgerSimulator(cal, scale=0.06, seed=11).ledger()
    small_lines = small_ledger.lines
    ratio = larger.lines.belopp.abs().sum() / small_lines.belopp.abs().sum()
    assert 2.9 < ratio < 3.1
    assert len(larger.lines) > len(small_lines)
    # More care bought, not dearer care: at these sizes many cells hold a single invoice line.
    assert len(larger.invoices) > 1.1 * len(small_ledger.invoices)


def _manifests(landing: Path) -> dict[str, str]:
    out = {}
    for m in sorted(landing.glob("*/*/manifest.json")):
        for f in json.loads(m.read_text())["files"]:
            out[f["file"]] = f["sha256"]
    return out


def test_simulation_is_deterministic(tmp_path: Path, demo) -> None:
    """The same seed gives byte-identical extracts: a second `make run` loads nothing new."""
    again = tmp_path / "again"
    simulate_region(again, progress=lambda _m: None)
    assert _manifests(again) == _manifests(demo.landing)


def test_extract_format(demo) -> None:
    path = next(demo.landing.glob("ledger/2023-03/ledger_lines_2023-03.csv"))
    head = path.read_text(encoding="utf-8").splitlines()[:3]
    assert head[0] == ("verifikation;rad;bokforingsdatum;period;konto;ansvar;verksamhet;"
                       "motpart;belopp;text")
    fields = head[1].split(";")
    assert fields[2].startswith("2023-03-") and "," in fields[8]
    frame = pd.read_csv(path, sep=";", decimal=",", dtype=str)
    assert len(frame) > 50_000  # realistic monthly volume in the detailed years
