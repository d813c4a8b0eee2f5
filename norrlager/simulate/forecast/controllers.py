"""The controllers' own full-year forecasts (the divisions' prognoses in the tertial reports):
after April, August and October of the years with a budget, each division's controller forecasts
the division's net cost for the year. They know more than the ledger says so far (decisions,
staffing, the actuary's figures), so their forecast is the year's outcome give or take an error
that shrinks as the year goes on."""

from __future__ import annotations

import numpy as np
import pandas as pd

from norrlager.reference import accounts, cost_centres
from norrlager.simulate.calibrate.scope import BUDGETS

FORECAST_MONTHS = (4, 8, 10)
MONTH_NAMES = {4: "april", 8: "augusti", 10: "oktober"}
OPERATING = ("verksamhetens_intakt", "verksamhetens_kostnad", "avskrivning")
# The error of a forecast made after month m, as a share of the year's net cost: 2 % after
# April, 1 % after August, 0.5 % after October.
ERROR = {4: 0.02, 8: 0.01, 10: 0.005}
ROUND_ORE = 10_000_000  # to 100 000 kr, as a controller writes a forecast


def controllers_forecasts(lines: pd.DataFrame, seed: int, copies: int = 1) -> pd.DataFrame:
    """The forecast deliveries' rows (period, division, rad, belopp in öre, kommentar) from
    the ledger's lines (belopp in öre, debit positive), written `copies` times over."""
    kinds = {k: a.kind for k, a in accounts().items()}
    division = {c.ansvar: c.division for c in cost_centres().values()}
    operating = lines[lines.konto.map(kinds).isin(OPERATING)]
    year = operating.period.str[:4].astype(int)
    net = (-operating.belopp * copies).groupby([year, operating.ansvar.map(division)]).sum()
    rng = np.random.default_rng([seed, 33])
    rows = []
    for (y, div), outcome in net.items():
        if y not in BUDGETS:
            continue
        for month in FORECAST_MONTHS:
            amount = outcome * (1 + ERROR[month] * rng.standard_normal())
            rows.append((f"{y}-{month:02d}", div, "verksamhetens_nettokostnad",
                         int(np.round(amount / ROUND_ORE)) * ROUND_ORE,
                         f"Divisionens prognos efter {MONTH_NAMES[month]} (tertialrapport)"))
    return pd.DataFrame(rows, columns=["period", "division", "rad", "belopp", "kommentar"])
