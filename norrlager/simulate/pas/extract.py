"""The patient administration system (PAS) as a whole: care contacts, inpatient episodes,
operations, primary care's accessibility log and the waiting lists, 2022–2023, shaped into the
monthly extracts it delivers."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from norrlager.simulate.pas.accessibility import accessibility_log
from norrlager.simulate.pas.contacts import CARE_YEARS
from norrlager.simulate.pas.patients import PatientPool
from norrlager.simulate.pas.production import CareProductionSimulator
from norrlager.simulate.pas.waiting_lists import WaitingListSimulator
from norrlager.simulate.statistik.extract import barometer, population

POPULATION = 250_000


@dataclass
class CareData:
    contacts: pd.DataFrame
    admissions: pd.DataFrame
    operations: pd.DataFrame
    accessibility: pd.DataFrame
    waiting_list: pd.DataFrame
    prescriptions: pd.DataFrame
    population: pd.DataFrame
    barometer: pd.DataFrame
    violations: list


def simulate_care(seed: int, progress: Callable[[str], None] = lambda _m: None) -> CareData:
    t0 = time.perf_counter()
    rng = np.random.default_rng(seed + 303)
    pool = PatientPool(rng, POPULATION)
    production = CareProductionSimulator(rng, pool)
    contacts = pd.concat([production.contacts(y) for y in CARE_YEARS], ignore_index=True)
    admissions = pd.concat([production.admissions(y) for y in CARE_YEARS], ignore_index=True)
    operations = pd.concat([production.operations(y) for y in CARE_YEARS], ignore_index=True)
    progress(f"simulated {len(contacts):,} care contacts, {len(admissions):,} inpatient episodes "
             f"and {len(operations):,} operations ({time.perf_counter() - t0:.1f} s)")
    inhabitants = population()
    per_year = inhabitants.groupby("ar").antal.sum()
    prescriptions = pd.concat([production.prescriptions(y, int(per_year[y])) for y in CARE_YEARS],
                              ignore_index=True)
    log = accessibility_log(rng, pool, production.units["Primärvård"], CARE_YEARS)
    waiting = WaitingListSimulator(rng, pool)
    entries = waiting.simulate()
    waiting_list = waiting.deliveries(entries)
    progress(f"simulated {len(log):,} accessibility cases and {len(waiting_list):,} waiting-list "
             f"rows ({time.perf_counter() - t0:.1f} s)")
    return CareData(contacts, admissions, operations, log, waiting_list, prescriptions,
                    inhabitants, barometer(rng), waiting.violations)
