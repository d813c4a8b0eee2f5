"""The simulated payroll: monthly pay lines per employment, 2021–2023, and the journal the
ledger books from them.

Lines are priced from the employment (occupational group's salary, rate, days employed), its
absence (sick pay and sick deduction per spell and month), unsocial hours (doubled from
1 September 2023), overtime, on-call duty and the June holiday supplement; employer
contributions and pension follow the pay. Each year's amounts are then scaled, per unit group
and account, to the calibrated ledger totals, so the ledger's personnel cost is this payroll to
the öre. Overtime hours are what makes the report's worked-time key ratios come out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from norrlager.reference import cost_centres, pay_types
from norrlager.simulate.calendar import days_in_month
from norrlager.simulate.hr.absence import DAY0
from norrlager.simulate.hr.workforce import CARE_GROUPS, SALARY, Staff
from norrlager.simulate.targets import PAYROLL_YEARS, worked_hours_targets

PAYROLL_COLUMNS = ["period", "lonerad", "anstallning_id", "personnummer", "lonart", "antal",
                   "belopp", "ansvar", "konto"]
OB_SEK_PER_HOUR = 55.0
OB_DOUBLED_FROM = "2023-09"
FULL_TIME_MONTH_HOURS = 173.33


def spell_month_hours(spells: pd.DataFrame, staff: Staff, hours_per_week: float,
                      day_from: int = 1, day_to: int = 10_000) -> pd.DataFrame:
    """Hours of each spell per month (day_from..day_to of the spell only): emp, kind, period,
    hours. The marts compute the same from the delivered records."""
    first = spells["first"].to_numpy() + (day_from - 1)
    last = spells["first"].to_numpy() + np.minimum(spells.days.to_numpy(), day_to) - 1
    keep = last >= first
    s = spells[keep]
    first, last = first[keep], last[keep]
    d_first = DAY0 + first.astype("timedelta64[D]")
    d_last = DAY0 + last.astype("timedelta64[D]")
    m0 = d_first.astype("datetime64[M]")
    n = (d_last.astype("datetime64[M]") - m0).astype(int) + 1
    idx = np.repeat(np.arange(len(s)), n)
    month = m0[idx] + (np.arange(len(idx)) - np.repeat(np.cumsum(n) - n, n)).astype(
        "timedelta64[M]")
    lo = np.maximum(d_first[idx], month.astype("datetime64[D]"))
    hi = np.minimum(d_last[idx], (month + 1).astype("datetime64[D]") - 1)
    days = (hi - lo).astype(int) + 1
    year = month.astype("datetime64[Y]").astype(int) + 1970
    emp = s.emp.to_numpy()[idx]
    year_idx = np.clip(year - 2019, 0, staff.rates.shape[1] - 1)
    hours = days * staff.rates[emp, year_idx] / 100 * hours_per_week / 7 \
        * s.omfattning.to_numpy()[idx] / 100
    return pd.DataFrame({"emp": emp, "kind": s.franvarotyp.to_numpy()[idx],
                         "period": month.astype(str), "year": year, "hours": hours})


class PayrollSimulator:
    def __init__(self, rng: np.random.Generator, staff: Staff, snapshots: pd.DataFrame,
                 spells: pd.DataFrame, hours_per_week: float) -> None:
        self.rng = rng
        self.staff = staff
        self.snap = snapshots[snapshots.year.isin(PAYROLL_YEARS)].reset_index(drop=True)
        self.spells = spells
        self.hpw = hours_per_week
        self.absence = spell_month_hours(spells, staff, hours_per_week)

    def overtime_hours(self) -> dict[int, float]:
        """Own staff's worked hours = scheduled − absence + overtime; overtime fills the gap to
        the worked-hours targets (2021 a plain 2 % of the worked hours)."""
        basic = (self.snap.groupby("year").ordinarie_timmar.sum()
                 - self.absence[self.absence.year.isin(PAYROLL_YEARS)]
                 .groupby("year").hours.sum())
        own = worked_hours_targets().own
        out = {y: own[y] - basic[y] for y in own}
        out[2021] = 0.02 * basic[2021]
        self.basic = basic.to_dict()
        return out

    def lines(self) -> pd.DataFrame:
        emp = self.staff.employments
        snap = self.snap
        e = snap.emp.to_numpy()
        group = emp.group.to_numpy()[e]
        base = np.array([SALARY[g] for g in group]) * 1.03 ** (snap.year.to_numpy() - 2023)
        base *= 1 + 0.08 * self.rng.standard_normal(len(snap)).clip(-2, 2)
        hourly = base / FULL_TIME_MONTH_HOURS
        month_days = days_in_month(snap.period.to_numpy()).astype(int)
        frames = []

        def add(code: str, mask: np.ndarray, amount: np.ndarray, hours=None) -> None:
            frames.append(pd.DataFrame({
                "row": np.flatnonzero(mask), "lonart": code,
                "antal": np.nan if hours is None else np.round(hours[mask], 2),
                "sek": amount[mask]}))

        everyone = np.ones(len(snap), dtype=bool)
        add("1100", everyone, base * snap.rate.to_numpy() / 100 * snap.days.to_numpy()
            / month_days)
        care = np.isin(group, CARE_GROUPS)
        ob_hours = snap.ordinarie_timmar.to_numpy() * self.rng.uniform(0.08, 0.22, len(snap))
        ob_rate = np.where(snap.period.to_numpy() >= OB_DOUBLED_FROM, 2, 1) * OB_SEK_PER_HOUR
        add("1310", care, ob_hours * ob_rate, ob_hours)
        doctors = group == "Läkare"
        on_call = doctors | (care & (self.rng.random(len(snap)) < 0.1))
        jour_hours = self.rng.uniform(10, 60, len(snap))
        add("1510", on_call, jour_hours * hourly * 0.5, jour_hours)
        overtime = self.overtime_hours()
        ot_hours = np.zeros(len(snap))
        for y, total in overtime.items():
            rows = np.flatnonzero((snap.year.to_numpy() == y)
                                  & (care | (self.rng.random(len(snap)) < 0.3))
                                  & (self.rng.random(len(snap)) < 0.35))
            w = self.rng.gamma(1.5, 1.0, len(rows))
            ot_hours[rows] = np.round(w / w.sum() * total, 2)
        add("1410", ot_hours > 0, ot_hours * hourly * 1.8, ot_hours)
        june = snap.month.to_numpy() == 6
        add("1710", june, base * 0.1 * snap.rate.to_numpy() / 100)
        # Sick pay: the salary is deducted for the sick hours; days 2–14 of a spell are paid
        # at 80 % by the employer (the sickness benefit after that is not payroll).
        key = pd.MultiIndex.from_arrays([e, snap.period.to_numpy()])
        sick = self.absence[self.absence.kind == "SJUK"].groupby(["emp", "period"]).hours.sum()
        sick_hours = sick.reindex(key).fillna(0).to_numpy()
        paid = spell_month_hours(self.spells[self.spells.franvarotyp == "SJUK"], self.staff,
                                 self.hpw, 2, 14).groupby(["emp", "period"]).hours.sum()
        paid_hours = paid.reindex(key).fillna(0).to_numpy()
        add("1620", sick_hours > 0, -sick_hours * hourly, sick_hours)
        add("1610", paid_hours > 0, 0.8 * paid_hours * hourly, paid_hours)
        pay = pd.concat(frames, ignore_index=True)
        gross = pay.groupby("row").sek.sum().reindex(range(len(snap))).fillna(0).to_numpy()
        add("2110", everyone, 0.3142 * gross)
        add("2410", everyone, 0.06 * gross + np.where(base * 12 > 600_000, 0.2 * gross, 0))
        lines = pd.concat([pay, *frames[len(frames) - 2:]], ignore_index=True)
        lines = lines[lines.sek != 0].reset_index(drop=True)
        r = lines.row.to_numpy()
        ptypes = pay_types()
        out = pd.DataFrame({
            "emp": e[r], "period": snap.period.to_numpy()[r], "year": snap.year.to_numpy()[r],
            "month": snap.month.to_numpy()[r], "lonart": lines.lonart.to_numpy(),
            "antal": lines.antal.to_numpy(), "sek": lines.sek.to_numpy(),
            "ansvar": emp.ansvar.to_numpy()[e[r]],
            "anstallning_id": emp.anstallning_id.to_numpy()[e[r]],
            "personnummer": emp.personnummer.to_numpy()[e[r]]})
        out["konto"] = out.lonart.map({c: t["konto"] for c, t in ptypes.items()})
        return out

    def scaled(self, targets: dict[tuple[int, str, str, str], int]) -> pd.DataFrame:
        """Scale the pay lines so that every (year, account, unit group, activity) adds up to
        the ledger's calibrated amount in öre; rounding goes to the largest line."""
        lines = self.lines()
        group_of = {c.ansvar: c.group for c in cost_centres().values()}
        activity_of = {c.ansvar: c.verksamhet for c in cost_centres().values()}
        lines["group"] = lines.ansvar.map(group_of)
        lines["verksamhet"] = lines.ansvar.map(activity_of)
        key = ["year", "konto", "group", "verksamhet"]
        raw = lines.groupby(key).sek.transform("sum").to_numpy()
        wanted = pd.Series(targets, dtype="int64")
        wanted.index.names = key
        at = pd.MultiIndex.from_frame(lines[key])
        target = wanted.reindex(at).fillna(0).to_numpy(dtype=float)
        paid = set(at.unique())
        unpaid = [k for k, v in targets.items() if v and k not in paid]
        if unpaid:
            raise ValueError(f"no pay lines to book the calibrated payroll of {unpaid[:3]}: "
                             "no one works at those units that year")
        ore = np.round(lines.sek.to_numpy() * target / raw).astype(np.int64)
        lines["belopp"] = ore
        diff = (pd.Series(target, index=lines.index).groupby([lines[k] for k in key])
                .transform("first").to_numpy().astype(np.int64)
                - lines.groupby(key).belopp.transform("sum").to_numpy())
        largest = lines.assign(a=np.abs(ore)).groupby(key).a.transform("idxmax").to_numpy()
        first_rows = np.unique(largest)
        lines.loc[first_rows, "belopp"] += diff[first_rows]
        lines = lines.sort_values(["period", "anstallning_id", "lonart"], kind="stable")
        lines["lonerad"] = (lines.groupby("period").cumcount() + 1).to_numpy()
        lines["lonerad"] = ("L" + lines.period.str.replace("-", "") + "-"
                            + lines.lonerad.astype(str).str.zfill(7))
        return lines.reset_index(drop=True)
