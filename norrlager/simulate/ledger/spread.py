"""Spreading a calibrated year's amount over cost centres, activities, months and dates: what
every posting of the ledger (and the invoice system) is built on."""

from __future__ import annotations

import numpy as np
import pandas as pd

from norrlager.reference import accounts, cost_centres
from norrlager.simulate.activity_split import split_by_activity
from norrlager.simulate.calibrate.result import Calibration
from norrlager.simulate.calibrate.scope import (
    FINANCE_GROUP,
)
from norrlager.simulate.ledger.chart import (
    ORE_PER_MNKR,
)
from norrlager.simulate.ledger.year_profile import month_weights
from norrlager.simulate.split import split_by_weights


class Spreading:
    def __init__(self, cal: Calibration, scale: float = 1.0, seed: int = 2023) -> None:
        self.cal = cal
        self.scale = scale
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        self.acc = accounts()
        self.cc = pd.DataFrame([c.__dict__ for c in cost_centres().values()])
        self.cc_weight = self.rng.gamma(3.0, 1.0, size=len(self.cc))
        self.main_group = {r.drift: r.group for r in self.cc.itertuples() if "_" not in r.group}
        self.finance_cc = self.cc.loc[self.cc.group == FINANCE_GROUP, "ansvar"].iloc[0]
        self._next_pair = 0
        # Its own stream: the market's months do not shift every other draw of the simulation.
        self.market_rng = np.random.default_rng([seed, 8230])

    def ore(self, mnkr: float) -> int:
        return round(mnkr * self.scale * ORE_PER_MNKR)

    # Used by the ledger and by the invoice system, which books its invoices the same way.
    def to_cost_centres(self, cells: pd.DataFrame) -> pd.DataFrame:
        """Split cells (group, ore) over the group's cost centres; cells already divided over
        activities (column verksamhet) over the group's cost centres of that activity."""
        keys = ["group", "verksamhet"] if "verksamhet" in cells else ["group"]
        out = []
        for key, part in cells.groupby(keys, sort=False):
            group = key[0]
            ccs = self.cc.index[(self.cc.group == group)
                                & ((self.cc.verksamhet == key[1]) if len(keys) == 2 else True)]
            amounts = split_by_weights(part.ore.to_numpy(), np.tile(self.cc_weight[ccs],
                                                                     (len(part), 1)))
            for j, idx in enumerate(ccs):
                piece = part.assign(ansvar=self.cc.ansvar[idx],
                                    verksamhet=self.cc.verksamhet[idx], ore=amounts[:, j])
                out.append(piece[piece.ore != 0])
        return pd.concat(out, ignore_index=True)

    def to_months(self, cells: pd.DataFrame, planned: bool = False) -> pd.DataFrame:
        """Split cells (konto, ore) over the year's months with the region's monthly profile
        (year_profile); a plan (the budget) follows the profile without month-to-month noise."""
        noise = None if planned else 0.12 * self.rng.standard_normal((len(cells), 12))
        kinds = cells.konto.map(lambda k: self.acc[k].kind)
        w = month_weights(cells.konto, kinds, noise, self.market_rng)
        amounts = split_by_weights(cells.ore.to_numpy(), w)
        frames = [cells.assign(month=m + 1, ore=amounts[:, m]) for m in range(12)]
        out = pd.concat(frames, ignore_index=True)
        return out[out.ore != 0]

    def _dates(self, year: np.ndarray, month: np.ndarray) -> np.ndarray:
        days_in = pd.to_datetime(pd.DataFrame({"year": year, "month": month, "day": 1}))
        length = days_in.dt.days_in_month.to_numpy()
        day = 1 + np.floor(self.rng.random(len(year)) * length).astype(int)
        return (days_in + pd.to_timedelta(day - 1, unit="D")).to_numpy()

    def by_activity(self, cells: pd.DataFrame) -> pd.DataFrame:
        """Give cells (year, konto, group, ore) their activity as calibrated (activity_split)."""
        return split_by_activity(cells, self.cal.activity, self.ore)

    # ------------------------------------------------------------------ postings

    def _random_cc(self, groups: pd.Series) -> np.ndarray:
        values = groups.to_numpy()
        out = np.empty(len(values), dtype=object)
        for g in np.unique(values):
            mask = values == g
            ccs = self.cc.ansvar[self.cc.group == g].to_numpy()
            out[mask] = self.rng.choice(ccs, int(mask.sum()))
        return out
