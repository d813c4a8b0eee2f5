"""The simulated patient administration (PAS): care contacts, inpatient episodes and operations,
2022–2023, calibrated so the marts reproduce the report's production tables and goal measures.

Counts are hit exactly: each cell of the report (care type × caregiver category, the distance
contacts, admissions per care type and sex, operations per sex, the goal measures) becomes that
many rows; the split between cells the report does not publish (own or private primary care,
sex within a care type) follows the report's own sex-split table, which is known to disagree
with the totals and is therefore used only as proportions.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from norrlager.simulate.calendar import month_of
from norrlager.simulate.pas.contacts import (
    SPECIALTIES,
    TYPES,
    ContactSimulator,
    contact_days,
)


class CareProductionSimulator(ContactSimulator):
    """Contacts (ContactSimulator), inpatient episodes, operations and prescriptions."""

    # ------------------------------------------------------------------ inpatient care
    def admissions(self, y: int) -> pd.DataFrame:
        p, rng = self.pub, self.rng
        frames = []
        for t in TYPES:
            for sex, label in (("K", "Kvinnor"), ("M", "Män")):
                n = int(p[("vardtillfallen", f"{t} | {label}", str(y))])
                frames.append(pd.DataFrame({"vardtyp": t, "kon": [sex] * n}))
        a = pd.concat(frames, ignore_index=True)
        n = len(a)
        old_share = np.where(a.vardtyp == "Somatik", 0.55, np.where(a.vardtyp == "Primärvård",
                                                                     0.8, 0.15))
        a["old"] = rng.random(n) < old_share
        a["los"] = np.clip(np.round(rng.gamma(1.6, 3.2, n)), 1, 60).astype(int)
        # Every stay ends within the year: the report counts the year's discharges.
        last = np.datetime64(f"{y}-12-31") - a.los.to_numpy().astype("timedelta64[D]")
        a["inskrivningsdatum"] = np.minimum(contact_days(y, n, rng), last)
        a["utskrivningsdatum"] = a.inskrivningsdatum + a.los.to_numpy().astype("timedelta64[D]")
        a["akut"] = np.where(rng.random(n) < 0.7, "J", "N")
        a["patient"] = -1
        # Patients under 65: drawn freely. Patients 65+: each once a year, except the pairs of
        # an index stay and its unplanned readmission within 30 days of discharge.
        young = ~a.old.to_numpy()
        for sex in ("K", "M"):
            m = young & (a.kon == sex).to_numpy()
            a.loc[m, "patient"] = self.pool.draw(int(m.sum()), sex=sex, max_age=64, year=y)
            self._readmissions(a, y, sex)
        a["utskrivningsklar_dagar"] = 0
        klar = rng.permutation(n)[:round(0.10 * n)]
        a.loc[klar, "utskrivningsklar_dagar"] = rng.integers(2, 8, len(klar))
        som = np.flatnonzero((a.vardtyp == "Somatik").to_numpy())
        a["vardskada"] = "N"
        a.loc[rng.permutation(som)[:round(0.055 * len(som))], "vardskada"] = "J"
        a["alder"] = self.pool.age_at(a.patient.to_numpy(), a.inskrivningsdatum.to_numpy())
        a["lakemedel_antal"] = np.clip(rng.poisson(np.where(a.alder >= 75, 7, 3)), 0, 25)
        a["lakemedelsberattelse"] = None
        for sex, label in (("K", "Kvinnor"), ("M", "Män")):
            eligible = np.flatnonzero(((a.alder >= 75) & (a.lakemedel_antal > 5)
                                       & (a.kon == sex)).to_numpy())
            rate = p.get(("styrmatt_vard", "Läkemedelsberättelse 75 år och äldre med fler än 5 "
                          f"läkemedel | {label}", str(y)), 70.0) / 100
            a.loc[eligible, "lakemedelsberattelse"] = "N"
            a.loc[rng.permutation(eligible)[:round(rate * len(eligible))],
                  "lakemedelsberattelse"] = "J"
        a["specialitet"] = [SPECIALTIES[t][i % len(SPECIALTIES[t])] for t, i in
                            zip(a.vardtyp, rng.integers(0, 6, n), strict=True)]
        a["ansvar"] = [rng.choice(self.units[t]) for t in a.vardtyp]
        a["personnummer"] = self.pool.pnr[a.patient.to_numpy()]
        a = a.sort_values(["utskrivningsdatum", "patient"], kind="stable").reset_index(drop=True)
        a["vardtillfalle_id"] = [f"V{y}{i + 1:06d}" for i in range(n)]
        a["period"] = month_of(a.utskrivningsdatum)
        return a

    def _readmissions(self, a: pd.DataFrame, y: int, sex: str) -> None:
        rng = self.rng
        idx = np.flatnonzero((a.old & (a.kon == sex)).to_numpy())
        label = "Kvinnor" if sex == "K" else "Män"
        rate = self.pub.get(("styrmatt_vard", "Oplanerade återinskrivningar inom 30 dagar 65 år "
                             f"eller äldre | {label}", str(y)), 16.5) / 100
        k = round(rate * len(idx))
        idx = rng.permutation(idx)
        first, second, single = idx[:k], idx[k:2 * k], idx[2 * k:]
        # Index stays end by November so that the readmission falls in the same year.
        a.loc[first, "inskrivningsdatum"] = contact_days(y, k, rng).clip(
            max=np.datetime64(f"{y}-10-31"))
        a.loc[first, "utskrivningsdatum"] = (a.loc[first, "inskrivningsdatum"].to_numpy()
                                             + a.loc[first, "los"].to_numpy().clip(max=15)
                                             .astype("timedelta64[D]"))
        gap = rng.integers(1, 31, k).astype("timedelta64[D]")
        a.loc[second, "inskrivningsdatum"] = a.loc[first, "utskrivningsdatum"].to_numpy() + gap
        a.loc[second, "utskrivningsdatum"] = (a.loc[second, "inskrivningsdatum"].to_numpy()
                                              + a.loc[second, "los"].to_numpy().clip(max=10)
                                              .astype("timedelta64[D]"))
        a.loc[second, "akut"] = "J"
        patients = self.pool.draw(k + len(single), sex=sex, min_age=66, year=y, replace=False)
        a.loc[first, "patient"] = patients[:k]
        a.loc[second, "patient"] = patients[:k]
        a.loc[single, "patient"] = patients[k:]

    def operations(self, y: int) -> pd.DataFrame:
        p, rng = self.pub, self.rng
        frames = []
        for sex, label in (("K", "Kvinnor"), ("M", "Män")):
            n = int(p[("operationer", label, str(y))])
            frames.append(pd.DataFrame({"kon": [sex] * n,
                                        "patient": self.pool.draw(n, sex=sex, year=y)}))
        o = pd.concat(frames, ignore_index=True)
        o["datum"] = contact_days(y, len(o), rng)
        o["operationsenhet"] = np.where(rng.random(len(o)) < 0.85, "COP", "EXT")
        o["specialitet"] = rng.choice(["Kirurgi", "Ortopedi", "Kvinnosjukvård", "Urologi",
                                       "Ögon"], len(o))
        o["alder"] = self.pool.age_at(o.patient.to_numpy(), o.datum.to_numpy())
        o["personnummer"] = self.pool.pnr[o.patient.to_numpy()]
        o = o.sort_values(["datum", "patient"], kind="stable").reset_index(drop=True)
        o["operation_id"] = [f"O{y}{i + 1:06d}" for i in range(len(o))]
        o["period"] = month_of(o.datum)
        return o

    def prescriptions(self, y: int, inhabitants: int) -> pd.DataFrame:
        """Antibiotic prescriptions (ATC J01) written by the region's prescribers."""
        rate = self.pub.get(("styrmatt_vard", "Antibiotikarecept per tusen invånare", str(y)),
                            275.0)
        n = round(rate * inhabitants / 1000)
        rng = self.rng
        r = pd.DataFrame({"patient": self.pool.draw(n, year=y), "datum": contact_days(y, n, rng)})
        r["atc"] = rng.choice(["J01CE02", "J01AA02", "J01FA09", "J01XE01", "J01MA02"], n,
                              p=[0.45, 0.2, 0.1, 0.15, 0.1])
        units = np.concatenate([self.units["Primärvård"], self.units["Somatik"]])
        r["ansvar"] = rng.choice(units, n)
        r["kon"] = self.pool.sex[r.patient.to_numpy()]
        r["alder"] = self.pool.age_at(r.patient.to_numpy(), r.datum.to_numpy())
        r["personnummer"] = self.pool.pnr[r.patient.to_numpy()]
        r = r.sort_values(["datum", "patient"], kind="stable").reset_index(drop=True)
        r["recept_id"] = [f"R{y}{i + 1:06d}" for i in range(n)]
        r["period"] = month_of(r.datum)
        return r
