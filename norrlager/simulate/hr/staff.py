"""The simulated HR system's people: persons and their employments, 2019–2023.

Headcounts are hit by construction: each occupational group keeps exactly its target number
of permanent employees on 31 December (leavers replaced by hires during the year), temporary
employments span exactly one 31 December each, and employment rates are adjusted so that the
rates on 31 December add up to the year's årsarbetare. Summer substitutes and short temporary
jobs come and go between year ends, as they do in a region.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from norrlager.simulate.calibrate.scope import UNSTAFFED
from norrlager.simulate.hr.workforce import (
    CARE_GROUPS,
    TEMP_WEIGHT,
    WORKPLACES,
    Staff,
    Workforce,
    date_on,
)
from norrlager.simulate.targets import (
    HR_YEARS,
    largest_remainder,
)


class StaffSimulator(Workforce):
    def simulate(self) -> Staff:
        t = self.targets
        temp_by_group = self._temps_by_group()
        perm0 = {g: self._n(t.groups[2018][g]) - temp_by_group[2018][g] for g in self.groups}
        for g in self.groups:
            n = perm0[g]
            self._add(g, n, "Tillsvidare", self._dates(date_on(1985), date_on(2018, 12, 31), n),
                      np.full(n, np.datetime64("NaT"), "datetime64[D]"), (23, 63), 2018)
        emp = pd.DataFrame(self.rows)
        emp["ansvar"] = ""
        for g in self.groups:
            mask = (emp.group == g).to_numpy()
            emp.loc[mask, "ansvar"] = self._cost_centre(g, int(mask.sum()))
        emp = self._anchor(emp)
        self.rows = []
        for y in HR_YEARS:
            emp = self._year(emp, y, temp_by_group)
        emp = emp.reset_index(drop=True)
        emp["anstallning_id"] = [f"A{i + 1:06d}" for i in range(len(emp))]
        rates = self._rates(emp)
        self._tune_composition(emp, rates)
        persons = self._persons(emp)
        emp["personnummer"] = persons.personnummer.to_numpy()
        emp["chef"] = np.where(emp.group == "Chefer", "J", "N")
        return Staff(persons, emp, rates, self.wages)

    def _temps_by_group(self) -> dict[int, dict[str, int]]:
        out = {}
        for y, total in self.targets.temporaries.items():
            w = np.array([TEMP_WEIGHT.get(g, 0.5) * self.targets.groups[y][g]
                          for g in self.groups])
            out[y] = dict(zip(self.groups, largest_remainder(w / w.sum() * self._n(total)),
                              strict=True))
        return out

    def _anchor(self, emp: pd.DataFrame) -> pd.DataFrame:
        """Every activity of a unit group with staff keeps permanent employees (two who work
        there, or one moved there): the ledger books each group's payroll per activity, at the
        units where people work, so none may be left empty in a later year."""
        order = self.rng.permutation(len(emp))
        at = emp.ansvar.to_numpy().copy()
        anchor = emp.anchor.to_numpy().copy()
        occupation = emp.group.to_numpy()
        staffed = self.cc[~self.cc.ansvar.isin(UNSTAFFED)]
        for (_g, a), units in staffed.groupby(["group", "verksamhet"]).ansvar:
            here = np.flatnonzero(np.isin(at, units.to_numpy()))[:2]
            anchor[here] = True
            if len(here):
                continue
            mover = next(i for i in order if not anchor[i]
                         and a in WORKPLACES.get(occupation[i], (a,)))
            at[mover] = self.rng.choice(units.to_numpy())
            anchor[mover] = True
        emp["ansvar"] = at
        emp["anchor"] = anchor
        return emp

    def _active(self, emp: pd.DataFrame, day: np.datetime64) -> np.ndarray:
        return ((emp.start <= day) & (emp.end.isna() | (emp.end >= day))).to_numpy()

    def _year(self, emp: pd.DataFrame, y: int, temps: dict[int, dict[str, int]]) -> pd.DataFrame:
        t = self.targets
        jan1, dec30, dec31 = date_on(y), date_on(y, 12, 30), date_on(y, 12, 31)
        perm = (emp.anstallningsform == "Tillsvidare").to_numpy() & self._active(emp, jan1)
        pool = np.flatnonzero(perm & ~emp.anchor.to_numpy())
        age = y - emp.birth_year.to_numpy()
        # Retirements among the oldest, quits weighted towards the young.
        old = pool[age[pool] >= 62]
        retire = self.rng.choice(old, min(self._n(t.retirements[y]), len(old)), replace=False)
        rest = np.setdiff1d(pool, retire)
        w = np.clip(70 - age[rest], 5, None).astype(float)
        quit_ = self.rng.choice(rest, self._n(t.quits[y]), replace=False, p=w / w.sum())
        emp.loc[retire, "reason"] = "Pension"
        emp.loc[quit_, "reason"] = "Egen begäran, extern"
        leavers = np.concatenate([retire, quit_])
        emp.loc[leavers, "end"] = self._dates(jan1, dec30, len(leavers))
        new_rows = []
        for g in self.groups:
            target = self._n(t.groups[y][g]) - temps[y][g]
            stay = perm & (emp.group == g).to_numpy() & emp.end.isna().to_numpy()
            gap = target - int(stay.sum())
            if gap < 0:  # shrink: other endings (dismissal, moved within the public sector)
                idx = np.flatnonzero(stay & ~emp.anchor.to_numpy())
                # A very small region may have nothing but anchors left in the group.
                out = self.rng.choice(idx, min(-gap, len(idx)), replace=False)
                emp.loc[out, "reason"] = "Övrigt"
                emp.loc[out, "end"] = self._dates(jan1, dec30, len(out))
            self.rows = []
            self._add(g, max(gap, 0), "Tillsvidare", self._dates(jan1, dec31, max(gap, 0)),
                      np.full(max(gap, 0), np.datetime64("NaT"), "datetime64[D]"), (22, 50), y)
            # Temporary employments: exactly the year-end count spans 31 December.
            n = temps[y][g]
            self._add(g, n, "temp", self._dates(date_on(y, 8, 1), dec31, n),
                      self._dates(date_on(y + 1, 1, 15), date_on(y + 1, 7, 31), n), (19, 40), y)
            if g in CARE_GROUPS or g == "Administratör vård":
                n = self._n({"Undersköterska": 280, "Vård- och omsorgsarbete mm": 220,
                             "Sjuksköterska": 120, "Läkare": 40}.get(g, 40))
                self._add(g, n, "temp", self._dates(date_on(y, 5, 25), date_on(y, 6, 15), n),
                          self._dates(date_on(y, 8, 10), date_on(y, 8, 31), n), (18, 30), y)
                n = self._n(60)
                self._add(g, n, "temp", self._dates(date_on(y, 2, 1), date_on(y, 8, 31), n),
                          self._dates(date_on(y, 9, 15), date_on(y, 11, 30), n), (20, 45), y)
            if self.rows:
                block = pd.DataFrame(self.rows)
                block["ansvar"] = self._cost_centre(g, len(block))
                new_rows.append(block)
        # Temporary employments of the previous year-end that end this year keep their end.
        return pd.concat([emp, *new_rows], ignore_index=True)
