"""Primary care's accessibility log: every contact attempt by telephone or digitally, whether the
patient got contact the same day, and, where a medical assessment was needed, whether it came
within 3 days (the care guarantee's 0 and 3). Calibrated to the report's December and
accumulated values; the year's value is the accumulated share of all the year's cases."""

from __future__ import annotations

import numpy as np
import pandas as pd

from norrlager.reference import published_numbers
from norrlager.simulate.calendar import month_of
from norrlager.simulate.pas.patients import PatientPool

T = "tillganglighet"
SAME_DAY = ("Andel som får kontakt med hälsocentralen via telefon eller digitalt samma dag"
            " | utfall {}")
SAME_DAY_YEAR = "Telefontillgänglighet primärvård samma dag, snitt för året"
ASSESSMENT = "Medicinsk bedömning i primärvård inom 3 dagar | {}"
CASES_PER_MONTH = 9_000
NEEDS_ASSESSMENT = 0.35


def _monthly_counts(n: np.ndarray, december: float | None, year: float) -> np.ndarray:
    """Cases meeting the target per month: December at its own share, the other months at the
    share that makes the year's accumulated share come out."""
    total = round(year * n.sum())
    if december is None:
        yes = np.round(year * n).astype(int)
    else:
        dec = round(december * n[-1])
        rate = (total - dec) / n[:-1].sum()
        yes = np.append(np.round(rate * n[:-1]).astype(int), dec)
    yes[0] += total - yes.sum()
    return yes


def accessibility_log(rng: np.random.Generator, pool: PatientPool, units: np.ndarray,
                      years=(2022, 2023)) -> pd.DataFrame:
    p = published_numbers()
    frames = []
    for y in years:
        n = rng.poisson(CASES_PER_MONTH, 12)
        same_year = p.get((T, SAME_DAY.format("ackumulerat"), str(y)),
                          p.get((T, SAME_DAY_YEAR, str(y))))
        dec_same = p.get((T, SAME_DAY.format("december"), str(y)))
        same = _monthly_counts(n, dec_same / 100 if dec_same else None, same_year / 100)
        need = np.round(n * NEEDS_ASSESSMENT).astype(int)
        dec = p.get((T, ASSESSMENT.format("utfall december"), str(y)))
        within = _monthly_counts(need, dec / 100 if dec else None,
                                 p[(T, ASSESSMENT.format("snitt för året"), str(y))] / 100)
        for m in range(12):
            k = int(n[m])
            first = np.datetime64(f"{y}-{m + 1:02d}-01")
            last = (first.astype("datetime64[M]") + 1).astype("datetime64[D]")
            days = first + rng.integers(0, int((last - first).astype(int)), k).astype(
                "timedelta64[D]")
            sex = np.where(rng.random(k) < 0.6, "K", "M")
            patient = np.empty(k, dtype=int)
            for s in ("K", "M"):
                patient[sex == s] = pool.draw(int((sex == s).sum()), sex=s, year=y)
            got = np.zeros(k, dtype=bool)
            got[rng.permutation(k)[:same[m]]] = True
            needs = np.zeros(k, dtype=bool)
            needs[rng.permutation(k)[:need[m]]] = True
            ok = np.full(k, None, dtype=object)
            ok[needs] = "N"
            ok[rng.permutation(np.flatnonzero(needs))[:within[m]]] = "J"
            frames.append(pd.DataFrame({
                "datum": days, "kanal": np.where(rng.random(k) < 0.7, "Telefon", "Digital"),
                "ansvar": rng.choice(units, k), "kon": sex, "patient": patient,
                "kontakt_samma_dag": np.where(got, "J", "N"),
                "medicinsk_bedomning": np.where(needs, "J", "N"),
                "bedomning_inom_3_dagar": ok}))
    log = pd.concat(frames, ignore_index=True).sort_values("datum", kind="stable")
    log = log.reset_index(drop=True)
    log["arende_id"] = [f"T{i + 1:07d}" for i in range(len(log))]
    log["period"] = month_of(log.datum)
    log["alder"] = pool.age_at(log.patient.to_numpy(), log.datum.to_numpy())
    log["personnummer"] = pool.pnr[log.patient.to_numpy()]
    return log
