"""Hired staff (inhyrd personal): staffing agencies' invoices, 2021–2023.

One invoice per agency, cost centre and month, one line per consultant assignment with its
profession, care area, hours and amount. The amounts are the calibrated ledger amounts of
account 5610 per unit group, split over professions as calibrated per care area; hours follow
from each year's hourly prices, set so that the year's hours are the worked-hours targets.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from norrlager.reference import care_areas, cost_centres
from norrlager.simulate.calibrate.scope import (
    CARE_AREA_GROUPS,
    HIRED_STAFF,
    HIRED_YEARS,
    PROFESSIONS,
)
from norrlager.simulate.split import split_by_weights, split_exact
from norrlager.simulate.targets import worked_hours_targets

STAFFING_COLUMNS = ["fakturanummer", "fakturarad", "fakturadatum", "period", "leverantor",
                    "ansvar", "konto", "vardomrade", "yrke", "timmar", "belopp"]
AGENCIES = {"Läkare": ("BEM-DOC", "BEM-MEDI"), "Sjuksköterskor": ("BEM-SSK", "BEM-VARD"),
            "Andra personalgrupper": ("BEM-VARD",)}
PRICE_RATIO = {"Läkare": 2.0, "Sjuksköterskor": 1.0, "Andra personalgrupper": 0.7}
HOURS_PER_LINE = 80  # an assignment invoiced per fortnight


def staffing_lines(rng: np.random.Generator, cal, ore) -> pd.DataFrame:
    cc = pd.DataFrame([c.__dict__ for c in cost_centres().values()])
    area_of = {k: v[0] for k, v in care_areas().items()}
    cc["vardomrade"] = cc.verksamhet.map(area_of)
    rows = []
    for y in HIRED_YEARS:
        for area, groups in CARE_AREA_GROUPS.items():
            prof = np.array([ore(cal.hired[(y, p, area)]) for p in PROFESSIONS], dtype=np.int64)
            group_tot = np.array([-ore(cal.pl.get((("A", y), HIRED_STAFF, g, "ext"), 0.0))
                                  for g in groups], dtype=np.int64)
            prof[-1] += group_tot.sum() - prof.sum()  # öre rounding of the calibration
            cells = _two_way(prof, group_tot)
            for i, p in enumerate(PROFESSIONS):
                for j, g in enumerate(groups):
                    if cells[i, j]:
                        rows.append((y, p, area, g, int(cells[i, j])))
    t = pd.DataFrame(rows, columns=["year", "yrke", "vardomrade", "group", "ore"])
    # Cost centres of the group doing that care; then months, growing through the year.
    frames = []
    for (g, area), part in t.groupby(["group", "vardomrade"]):
        ccs = cc[(cc.group == g) & (cc.vardomrade == area)].ansvar.to_numpy()
        w = rng.gamma(2.0, 1.0, len(ccs))
        amounts = split_by_weights(part.ore.to_numpy(), np.tile(w, (len(part), 1)))
        for j, a in enumerate(ccs):
            frames.append(part.assign(ansvar=a, ore=amounts[:, j]))
    t = pd.concat(frames, ignore_index=True)
    t = t[t.ore != 0].reset_index(drop=True)
    mw = np.tile(np.linspace(0.85, 1.15, 12), (len(t), 1)) * rng.uniform(0.8, 1.2, (len(t), 12))
    months = split_by_weights(t.ore.to_numpy(), mw)
    t = pd.concat([t.assign(month=m + 1, ore=months[:, m]) for m in range(12)],
                  ignore_index=True)
    t = t[t.ore != 0].reset_index(drop=True)
    # Hourly price per year: the year's hours come out at the worked-hours target.
    hired = worked_hours_targets().hired
    weighted = t.ore / 100 / t.yrke.map(PRICE_RATIO)
    price = {y: weighted[t.year == y].sum() / hired[y] for y in HIRED_YEARS}
    sek_per_line = t.year.map(price) * t.yrke.map(PRICE_RATIO) * HOURS_PER_LINE
    n = np.clip(np.round(t.ore.to_numpy() / 100 / sek_per_line.to_numpy()), 1, None)
    parent, parts = split_exact(t.ore.to_numpy(), n.astype(np.int64), rng, 4.0)
    lines = t.iloc[parent].reset_index(drop=True).assign(ore=parts)
    hourly = lines.year.map(price) * lines.yrke.map(PRICE_RATIO)
    lines["timmar"] = np.round(lines.ore / 100 / hourly, 2)
    lines["leverantor"] = [AGENCIES[p][int(rng.integers(len(AGENCIES[p])))] for p in lines.yrke]
    lines["period"] = lines.year.astype(str) + "-" + lines.month.astype(str).str.zfill(2)
    key = ["period", "leverantor", "ansvar"]
    lines = lines.sort_values([*key, "yrke"], kind="stable").reset_index(drop=True)
    inv = lines.groupby(key, sort=False).ngroup()
    lines["fakturanummer"] = "B" + lines.period.str.replace("-", "") + "-" + \
        inv.astype(str).str.zfill(5)
    lines["fakturarad"] = lines.groupby("fakturanummer").cumcount() + 1
    last_day = pd.to_datetime(lines.period + "-01") + pd.offsets.MonthEnd(0)
    lines["fakturadatum"] = last_day.dt.strftime("%Y-%m-%d")
    lines["konto"] = HIRED_STAFF
    lines["verksamhet"] = lines.ansvar.map(cc.set_index("ansvar").verksamhet)
    return lines.rename(columns={"ore": "belopp"})[[*STAFFING_COLUMNS, "year", "month",
                                                    "verksamhet"]]


def _two_way(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """An integer matrix with the given row and column sums (equal totals), proportional."""
    total = max(int(rows.sum()), 1)
    m = np.floor(np.outer(rows, cols) / total).astype(np.int64)
    m[:-1, -1] = rows[:-1] - m[:-1, :-1].sum(axis=1)
    m[-1, :] = cols - m[:-1, :].sum(axis=0)
    return m
