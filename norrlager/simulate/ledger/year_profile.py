"""The months of a Swedish region's year, as its ledger books them.

A region's year is not level: July is the holiday month (fewer invoices, less purchased care),
December carries the accruals and the invoices of the year's end, and some entries come only
with the closing of the books on 31 December: the final tax settlement (slutavräkning and
delslutavräkning), the revaluation of the pension liability (its financial cost), changes of
the restructuring reserves and the reversal of write-downs. Tax income and the general grants
are paid in twelfths of the preliminary figure, depreciation runs in twelfths, and the market
value of the placed pension funds moves month by month. The monthly payroll journal is the HR
system's (its own months); the settlement of the balance accounts is not touched here.

Each profile only redistributes an amount over the months: the year's total is split exactly,
so every annual figure stays as calibrated.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# Booked only with the closing of the year, on 31 December.
YEAR_END_ACCOUNTS = ("8020", "8030", "8240", "8340", "5810", "6810")
# Paid or booked in twelfths.
EVEN_ACCOUNTS = ("8010", "8110", "8120", "8130", "8140", "8150", "7810", "7820", "7830")
# The placed funds' market value: up in some months, down in others.
MARKET_VALUE_ACCOUNTS = ("8230", "8330")

JULY, DECEMBER = 6, 11
HOLIDAY = {"verksamhetens_kostnad": 0.8, "verksamhetens_intakt": 0.8}
YEAR_END_ACCRUALS = {"verksamhetens_kostnad": 1.15, "verksamhetens_intakt": 1.08}


def month_weights(accounts: pd.Series, kinds: pd.Series, noise: np.ndarray | None,
                  market: np.random.Generator) -> np.ndarray:
    """Weights (len(accounts), 12) for splitting each cell's amount over its year's months.

    noise: the cells' own month-to-month variation (the budget, a plan, has none)."""
    n = len(accounts)
    w = np.ones((n, 12)) if noise is None else np.clip(1.0 + noise, 0.2, None)
    konto = accounts.to_numpy()
    kind = kinds.to_numpy()
    for k, factor in HOLIDAY.items():
        w[kind == k, JULY] *= factor
    for k, factor in YEAR_END_ACCRUALS.items():
        w[kind == k, DECEMBER] *= factor
    even = np.isin(konto, EVEN_ACCOUNTS)
    w[even] = 1.0
    year_end = np.isin(konto, YEAR_END_ACCOUNTS)
    w[year_end] = 0.0
    w[year_end, DECEMBER] = 1.0
    if noise is not None:
        moving = np.isin(konto, MARKET_VALUE_ACCOUNTS)
        w[moving] = market.gamma(0.7, 1.0, size=(int(moving.sum()), 12)) + 1e-3
    return w
