"""The simulated ledger's year has a region's months: holidays in July, accruals and the closing
entries in December, tax and grants in twelfths, the market moving month by month; and no
profile changes a year's total."""

from __future__ import annotations

import numpy as np
import pandas as pd

from norrlager.simulate.ledger.year_profile import (
    EVEN_ACCOUNTS,
    MARKET_VALUE_ACCOUNTS,
    YEAR_END_ACCOUNTS,
    month_weights,
)
from norrlager.simulate.split import split_by_weights

CELLS = pd.DataFrame({
    "konto": ["6110", "3110", "8030", "8340", "8010", "7820", "8230"],
    "kind": ["verksamhetens_kostnad", "verksamhetens_intakt", "skatteintakt",
             "finansiell_kostnad", "skatteintakt", "avskrivning", "finansiell_intakt"],
})


def _weights(noise: bool, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return month_weights(CELLS.konto, CELLS.kind,
                         0.05 * rng.standard_normal((len(CELLS), 12)) if noise else None, rng)


def test_closing_entries_come_only_in_december_and_twelfths_are_even() -> None:
    for noise in (True, False):
        w = _weights(noise)
        for row, konto in enumerate(CELLS.konto):
            if konto in YEAR_END_ACCOUNTS:
                assert (w[row, :11] == 0).all() and w[row, 11] > 0, konto
            if konto in EVEN_ACCOUNTS:
                assert (w[row] == w[row, 0]).all(), konto


def test_operations_dip_in_july_and_peak_in_december_in_the_plan() -> None:
    w = _weights(noise=False)
    for row in (0, 1):  # costs and income of operations
        assert w[row, 6] < w[row, 5] < w[row, 11]


def test_the_market_value_moves_month_by_month_in_actuals() -> None:
    w = _weights(noise=True)
    row = list(CELLS.konto).index(MARKET_VALUE_ACCOUNTS[0])
    assert w[row].max() > 2 * w[row].min()


def test_a_profile_only_redistributes_the_year() -> None:
    totals = np.array([-123_456_789, 987_654_321, 5, -7, 100, 0, 3_333_333_333])
    for noise in (True, False):
        parts = split_by_weights(totals, _weights(noise))
        assert (parts.sum(axis=1) == totals).all()
