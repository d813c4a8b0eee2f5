"""The simulated HR system's absence records: sick leave, vacation, parental leave and other
absence, each a spell with a first and last day and an extent (percent of the scheduled time).

Spells are laid into each employment's calendar without overlapping one another, and added
until the year's target hours are reached; the last spell of a target is shortened (or its
extent lowered) to hit it. Sick-leave targets are per sex, age band and interval (the spell's
length), so the marts' breakdowns reproduce the report. Long spells may run into the next year,
where they count first.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from norrlager.simulate.calendar import month_of
from norrlager.simulate.hr.workforce import Staff
from norrlager.simulate.targets import (
    AGE_BANDS,
    HR_YEARS,
    INTERVAL_DAYS,
    INTERVALS,
    SEXES,
    AbsenceTargets,
    absence_targets,
)

DAY0 = np.datetime64("2019-01-01")
N_DAYS = int((np.datetime64("2024-12-31") - DAY0).astype(int)) + 1


def age_band(age: np.ndarray) -> np.ndarray:
    """Age reached during the year -> the report's bands (macro age_band mirrors this)."""
    return np.where(age <= 29, "-29", np.where(age <= 49, "30-49", "50-"))


class AbsenceSimulator:
    def __init__(self, rng: np.random.Generator, staff: Staff, snapshots: pd.DataFrame,
                 hours_per_week: float) -> None:
        self.rng = rng
        self.staff = staff
        self.emp = staff.employments
        n = len(self.emp)
        # Per employment, one byte a day: 1 where employed and not yet absent (bytearray
        # slices are searched in C, far faster than numpy for the short spans checked here).
        free = np.zeros((n, N_DAYS), dtype=np.uint8)
        start = ((self.emp.start.to_numpy().astype("datetime64[D]") - DAY0).astype(int))
        end = self.emp.end.to_numpy().astype("datetime64[D]")
        end = np.where(np.isnat(end), np.datetime64("2024-12-31"), end)
        end = (end - DAY0).astype(int)
        for e in range(n):
            lo, hi = max(start[e], 0), min(end[e], N_DAYS - 1)
            if hi >= lo:
                free[e, lo:hi + 1] = 1
        self.free = [bytearray(row.tobytes()) for row in free]
        self.sex = self.emp.kon.to_numpy()
        self.birth_year = self.emp.birth_year.to_numpy()
        snap = snapshots.assign(kon=self.sex[snapshots.emp],
                                band=age_band(snapshots.year - self.birth_year[snapshots.emp]))
        self.ordinary = snap.groupby(["year", "kon", "band"]).ordinarie_timmar.sum().to_dict()
        self.active = {y: np.unique(snapshots.emp[snapshots.year == y]) for y in HR_YEARS}
        self.spells: list[tuple[int, str, int, int, int]] = []  # emp, kind, first, days, extent
        self.misses: list[tuple[int, str, float]] = []
        self.targets: AbsenceTargets = absence_targets(self.ordinary)
        # Looked up once per attempted spell (hundreds of thousands): plain Python values.
        self.bounds = {y: (int((np.datetime64(f"{y}-01-01") - DAY0).astype(int)),
                           int((np.datetime64(f"{y}-12-31") - DAY0).astype(int)))
                       for y in (*HR_YEARS, HR_YEARS[-1] + 1)}
        self.day_hours = (staff.rates / 100 * hours_per_week / 7).tolist()

    def daily_hours(self, e: int, year: int) -> float:
        return self.day_hours[e][year - HR_YEARS[0]]

    def _contribution(self, e: int, first: int, days: int, extent: int, y: int) -> float:
        y0, y1 = self.bounds[y]
        overlap = min(first + days - 1, y1) - max(first, y0) + 1
        return max(overlap, 0) * self.daily_hours(e, y) * extent / 100

    def _fill(self, y: int, kind: str, pool: np.ndarray, target: float, days: tuple[int, int],
              window: tuple[int, int] | None = None, extents=(100,), may_cross: bool = False,
              max_tries: int = 200_000) -> float:
        """Add spells for employments in pool until their hours in year y reach target. A
        spell may cross into next year (may_cross) only while the cell it counts in there —
        the employee's age band next year, the same interval — has carry budget left."""
        y0, y1 = self.bounds[y]
        lo_w, hi_w = window if window else (y0, y1)
        remaining, tries = target, 0
        while remaining > 0.5 and tries < max_tries and len(pool):
            tries += 1
            e = int(pool[self.rng.integers(len(pool))])
            dh = self.daily_hours(e, y)
            length = int(self.rng.integers(days[0], days[1] + 1))
            extent = extents[int(self.rng.integers(0, len(extents)))]  # = rng.choice(extents)
            last_start = hi_w if may_cross else min(hi_w, y1 - length + 1)
            if last_start < lo_w:
                continue
            first = int(self.rng.integers(lo_w, last_start + 1))
            c = self._contribution(e, first, length, extent, y)
            cell = None
            if first + length - 1 > y1 and y + 1 in HR_YEARS:
                # Into next year, where the spell counts first: keep that within a budget.
                nxt = self._contribution(e, first, length, extent, y + 1)
                band = str(age_band(np.array([y + 1 - self.birth_year[e]]))[0])
                cell = (y + 1, self.sex[e], band, _interval(length))
                if nxt > self.carry_left.get(cell, 0.0):
                    continue
            if c > remaining:  # the last spell: shorten it, or lower its extent, to fit
                length = max(days[0], int(np.ceil(remaining / (dh * extent / 100))))
                first = int(self.rng.integers(lo_w, max(lo_w, min(hi_w, y1 - length + 1)) + 1))
                if first + length - 1 > y1:
                    continue
                c = length * dh * extent / 100
                if c > remaining:
                    extent = max(1, int(np.floor(remaining / (length * dh) * 100)))
                    c = length * dh * extent / 100
            hi = min(first + length, N_DAYS)
            days_free = self.free[e]
            if days_free.find(0, first, hi) >= 0:
                continue
            days_free[first:hi] = bytes(hi - first)
            self.spells.append((e, kind, first, length, extent))
            if cell is not None and first + length - 1 > y1:
                self.carry_left[cell] -= self._contribution(e, first, length, extent, y + 1)
            remaining -= c
        if abs(remaining) > 0.5:
            self.misses.append((y, kind, round(remaining, 1)))
        return remaining

    def _carried(self, y: int) -> dict[tuple[str, str, str], float]:
        """Hours in year y of sick spells begun in earlier years, per (sex, band, interval)."""
        y0, _ = self.bounds[y]
        out: dict[tuple[str, str, str], float] = {}
        for e, kind, first, days, extent in self.spells:
            if kind == "SJUK" and first < y0 <= first + days - 1:
                cell = (self.sex[e], str(age_band(np.array([y - self.birth_year[e]]))[0]),
                        _interval(days))
                out[cell] = out.get(cell, 0.0) + self._contribution(e, first, days, extent, y)
        return out

    def simulate(self) -> pd.DataFrame:
        t = self.targets
        # Long spells may carry up to 30 % of a cell's sick hours in from the year before.
        self.carry_left = {k: 0.3 * v for k, v in t.sick.items() if k[3] == "91-"}
        shortfall = []
        for y in HR_YEARS:
            active = self.active[y]
            band = age_band(y - self.birth_year[active])
            age = y - self.birth_year[active]
            young = active[(age >= 25) & (age <= 42)]
            y0, _y1 = self.bounds[y]
            shortfall.append(self._fill(y, "FLED", young, t.parental[y], (30, 180),
                                        extents=(100, 100, 50, 25)))
            carried = self._carried(y)
            for s in SEXES:
                for a in AGE_BANDS:
                    pool = active[(self.sex[active] == s) & (band == a)]
                    # Longest spells first: what a cell's last spell misses by (up to a few
                    # hours: a long spell is at least 91 days) goes to the next, shorter
                    # interval, and the 1-14 days one ends within half an hour. So the
                    # shares by sex and age band (printed to two decimals) hold exactly.
                    residual = 0.0
                    for i in reversed(INTERVALS):
                        target = t.sick[(y, s, a, i)] - carried.get((s, a, i), 0.0) + residual
                        long = i == "91-"
                        residual = self._fill(
                            y, "SJUK", pool, target, INTERVAL_DAYS[i], may_cross=long,
                            extents=(100, 100, 100, 50, 75, 25) if long else (100,))
                        shortfall.append(residual)
            summer = (y0 + 160, y0 + 205)
            shortfall.append(self._fill(y, "SEM", active, t.vacation[y] * 0.75, (14, 28),
                                        window=summer))
            shortfall.append(self._fill(y, "SEM", active, t.vacation[y] * 0.25, (3, 10)))
            shortfall.append(self._fill(y, "OVR", active, t.other[y], (1, 20)))
        self.shortfall = float(np.nansum(np.abs(shortfall)))
        s = pd.DataFrame(self.spells, columns=["emp", "franvarotyp", "first", "days", "omfattning"])
        s["from"] = DAY0 + s["first"].to_numpy().astype("timedelta64[D]")
        s["tom"] = s["from"] + (s["days"].to_numpy() - 1).astype("timedelta64[D]")
        s = s.sort_values(["from", "emp"], kind="stable").reset_index(drop=True)
        s["franvaro_id"] = [f"F{i + 1:07d}" for i in range(len(s))]
        s["period"] = month_of(s["from"])
        return s


def _interval(days: int) -> str:
    for name, (lo, hi) in INTERVAL_DAYS.items():
        if lo <= days <= hi:
            return name
    return "91-"
