"""The HR and payroll system (personalsystem) as a whole: who works where, their absence and
their pay, shaped into the extracts the system delivers, plus the staffing agencies' invoices.
The ledger books its personnel and hired-staff costs from `payroll` and `staffing`."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from norrlager.simulate.activity_split import split_by_activity
from norrlager.simulate.calibrate import Calibration
from norrlager.simulate.hr.absence import AbsenceSimulator
from norrlager.simulate.hr.payroll import PayrollSimulator
from norrlager.simulate.hr.staff import StaffSimulator
from norrlager.simulate.hr.workforce import monthly_snapshots
from norrlager.simulate.invoices.staffing import staffing_lines
from norrlager.simulate.targets import PAYROLL_YEARS

PAYROLL_ACCOUNTS = ("5010", "5110", "5410")


def payroll_targets(cal: Calibration, ore: Callable[[float], int]
                    ) -> dict[tuple[int, str, str, str], int]:
    """The payroll journal's öre per (year, account, unit group, activity), debit sign: the
    calibrated amount of the group, divided over its activities as the calibration divides it
    (activity_split, as for every system that books a group's accounts)."""
    rows = [(y, konto, g, -ore(v)) for ((kind, y), konto, g, cp), v in cal.pl.items()
            if kind == "A" and y in PAYROLL_YEARS and konto in PAYROLL_ACCOUNTS and cp == "ext"]
    cells = split_by_activity(pd.DataFrame(rows, columns=["year", "konto", "group", "ore"]),
                              cal.activity, ore)
    return {(int(r.year), r.konto, r.group, r.verksamhet): int(r.ore)
            for r in cells.itertuples()}


@dataclass
class HRData:
    persons: pd.DataFrame
    employments: pd.DataFrame
    absences: pd.DataFrame
    payroll: pd.DataFrame
    staffing: pd.DataFrame


def simulate_hr(cal: Calibration, ore: Callable[[float], int], scale: float, seed: int,
                hours_per_week: float = 40.0,
                progress: Callable[[str], None] = lambda _m: None) -> HRData:
    t0 = time.perf_counter()
    rng = np.random.default_rng(seed + 202)
    wages = {g: -v for ((kind, y), konto, g, cp), v in cal.pl.items()
             if kind == "A" and y == 2023 and konto == "5010" and cp == "ext" and v < 0}
    staff = StaffSimulator(rng, wages, scale).simulate()
    snap = monthly_snapshots(staff, hours_per_week)
    progress(f"simulated {len(staff.employments):,} employments ({time.perf_counter() - t0:.1f} s)")
    spells = AbsenceSimulator(rng, staff, snap, hours_per_week).simulate()
    progress(f"simulated {len(spells):,} absence spells ({time.perf_counter() - t0:.1f} s)")
    targets = payroll_targets(cal, ore)
    payroll = PayrollSimulator(rng, staff, snap, spells, hours_per_week).scaled(targets)
    progress(f"simulated {len(payroll):,} payroll lines ({time.perf_counter() - t0:.1f} s)")
    staffing = staffing_lines(rng, cal, ore)
    emp = staff.employments
    employments = snap.assign(
        anstallning_id=emp.anstallning_id.to_numpy()[snap.emp],
        personnummer=emp.personnummer.to_numpy()[snap.emp],
        anstallningsform=emp.anstallningsform.to_numpy()[snap.emp],
        yrkeskod=emp.yrkeskod.to_numpy()[snap.emp], ansvar=emp.ansvar.to_numpy()[snap.emp],
        chef=emp.chef.to_numpy()[snap.emp],
        startdatum=emp.start.to_numpy()[snap.emp], slutdatum=emp.end.to_numpy()[snap.emp],
        avgangsorsak=emp.reason.to_numpy()[snap.emp], sysselsattningsgrad=snap.rate)
    # A person is delivered once, in the month their first employment in the extract starts.
    first = employments.groupby("personnummer").period.min()
    persons = staff.persons.assign(period=staff.persons.personnummer.map(first))
    absences = spells.assign(anstallning_id=emp.anstallning_id.to_numpy()[spells.emp],
                             personnummer=emp.personnummer.to_numpy()[spells.emp],
                             from_datum=spells["from"], tom_datum=spells["tom"])
    return HRData(persons, employments, absences, payroll, staffing)
