"""Care contacts of the simulated PAS: visits and remote contacts per care type, caregiver
category, sex and channel, counted so the report's production table and goal measures hold."""

from __future__ import annotations

import numpy as np
import pandas as pd

from norrlager.reference import cost_centres, published_numbers
from norrlager.simulate.calendar import month_of
from norrlager.simulate.pas.patients import PatientPool
from norrlager.simulate.targets import largest_remainder

CARE_YEARS = (2022, 2023)
TYPES = ("Primärvård", "Somatik", "Psykiatri")
CATEGORIES = ("Läkare", "Övriga")
CATEGORY_LINE = {"Läkare": "Läkarbesök", "Övriga": "Besök övriga vårdgivarkategorier"}
# Proportions from the report's sex-split table (vardproduktion_kon, 2023).
PRIVATE_SHARE = {"Läkare": 0.163, "Övriga": 0.201}
DISTANCE_SHARE = {("Läkare", "Primärvård"): 0.103, ("Läkare", "Somatik"): 0.102,
                  ("Läkare", "Psykiatri"): 0.222, ("Övriga", "Primärvård"): 0.098,
                  ("Övriga", "Somatik"): 0.147, ("Övriga", "Psykiatri"): 0.211}
WOMEN_SHARE = {("Läkare", "Primärvård"): 0.535, ("Läkare", "Somatik"): 0.499,
               ("Läkare", "Psykiatri"): 0.506, ("Övriga", "Primärvård"): 0.611,
               ("Övriga", "Somatik"): 0.517, ("Övriga", "Psykiatri"): 0.558}
SPECIALTIES = {"Primärvård": ("Allmänmedicin",),
               "Somatik": ("Internmedicin", "Kirurgi", "Ortopedi", "Kvinnosjukvård",
                           "Barn- och ungdomsmedicin", "Akutsjukvård"),
               "Psykiatri": ("Vuxenpsykiatri", "Barn- och ungdomspsykiatri")}
ACTIVITY = {"Primärvård": "110", "Somatik": "120", "Psykiatri": "130"}
PRIVATE_CENTRES = ("HC-KRONAN", "HC-HERTSON", "HC-PITE", "HC-KIRUNA", "HC-BODEN")
# Goal measures the report publishes for 2023 only: assumed values for 2022.
GOALS_2022 = {"branch": {"K": 11_000, "M": 8_800}, "ed80": {"K": 6_500, "M": 5_600},
              "violence": {"K": 6_900, "M": 3_300}, "digitalen": 15_000}


def contact_days(year: int, n: int, rng: np.random.Generator) -> np.ndarray:
    """Contact dates: weekdays, fewer in July and around Christmas."""
    days = np.arange(np.datetime64(f"{year}-01-01"), np.datetime64(f"{year + 1}-01-01"))
    dow = (days.astype(int) + 3) % 7  # 0 = Monday
    month = days.astype("datetime64[M]").astype(int) % 12 + 1
    w = np.where(dow < 5, 1.0, 0.15) * np.where(month == 7, 0.55, 1.0)
    return rng.choice(days, n, p=w / w.sum())


class ContactSimulator:
    def __init__(self, rng: np.random.Generator, pool: PatientPool) -> None:
        self.rng = rng
        self.pool = pool
        self.pub = published_numbers()
        cc = pd.DataFrame([c.__dict__ for c in cost_centres().values()])
        self.units = {t: cc[(cc.verksamhet == a) & ~cc.group.str.contains("_")].ansvar.to_numpy()
                      for t, a in ACTIVITY.items()}

    # ------------------------------------------------------------------ contacts
    def contact_cells(self, y: int) -> pd.DataFrame:
        p = self.pub
        rows = []
        total = {(c, t): p[("vardproduktion_besok", f"{CATEGORY_LINE[c]} | {t}", str(y))]
                 for c in CATEGORIES for t in TYPES}
        distance = p[("vardproduktion_besok", "Varav distanskontakter", str(y))]
        raw = np.array([total[k] * DISTANCE_SHARE[k] for k in total])
        dist = dict(zip(total, largest_remainder(raw / raw.sum() * distance), strict=True))
        women = {k: total[k] * WOMEN_SHARE[k] for k in total}
        n_women = sum(round(v) for v in women.values())
        n_men = sum(total.values()) - n_women
        # The report's digital share by sex, 14 % of women's and 13 % of men's contacts, fits its
        # 14.0 % of all contacts only with women near 14.5 %: women's distance contacts at
        # 14.45 %, men's the rest of the year's distance contacts.
        d_women = min(round(0.1445 * n_women), int(distance - round(0.126 * n_men)))
        dw_raw = np.array([dist[k] * WOMEN_SHARE[k] for k in total])
        dist_women = dict(zip(total, largest_remainder(dw_raw / dw_raw.sum() * d_women),
                              strict=True))
        for k in total:
            c, t = k
            w_all = round(women[k])
            for sex, n_all, n_dist in (("K", w_all, dist_women[k]),
                                       ("M", int(total[k]) - w_all, dist[k] - dist_women[k])):
                for form, n in (("Distans", n_dist), ("Fysisk", n_all - n_dist)):
                    if t == "Primärvård":
                        private = round(n * PRIVATE_SHARE[c])
                        rows += [(c, t, "Privat", form, sex, private),
                                 (c, t, "Egen regi", form, sex, n - private)]
                    else:
                        rows.append((c, t, "Egen regi", form, sex, n))
        return pd.DataFrame(rows, columns=["kategori", "vardtyp", "regi", "form", "kon", "n"])

    def contacts(self, y: int) -> pd.DataFrame:
        cells = self.contact_cells(y)
        rng = self.rng
        parts = []
        for r in cells.itertuples():
            n = int(r.n)
            if n <= 0:
                continue
            lo, hi = {"Psykiatri": (6, 85), "Somatik": (0, 100)}.get(r.vardtyp, (0, 100))
            idx = self.pool.draw(n, sex=r.kon, min_age=lo, max_age=hi, year=y)
            parts.append(pd.DataFrame({
                "patient": idx, "yrkeskategori": r.kategori, "vardtyp": r.vardtyp,
                "regi": r.regi, "kontaktform": r.form, "kon": r.kon}))
        c = pd.concat(parts, ignore_index=True)
        c["datum"] = contact_days(y, len(c), rng)
        c["kanal"] = np.where(c.kontaktform == "Distans", "Video/telefon", "Mottagning")
        self._goal_channels(c, y)
        c["alder"] = self.pool.age_at(c.patient.to_numpy(), c.datum.to_numpy())
        c["specialitet"] = [SPECIALTIES[t][i % len(SPECIALTIES[t])] for t, i in
                            zip(c.vardtyp, rng.integers(0, 6, len(c)), strict=True)]
        c.loc[c.kanal == "Akutmottagning", "specialitet"] = "Akutsjukvård"
        c["ansvar"] = None
        c["vardgivare"] = "Egen regi"
        for t in TYPES:
            own = ((c.vardtyp == t) & (c.regi == "Egen regi")).to_numpy()
            c.loc[own, "ansvar"] = rng.choice(self.units[t], int(own.sum()))
        private = (c.regi == "Privat").to_numpy()
        c.loc[private, "vardgivare"] = rng.choice(PRIVATE_CENTRES, int(private.sum()))
        c["personnummer"] = self.pool.pnr[c.patient.to_numpy()]
        c = c.sort_values(["datum", "patient"], kind="stable").reset_index(drop=True)
        c["kontakt_id"] = [f"K{y}{i + 1:07d}" for i in range(len(c))]
        c["period"] = month_of(c.datum)
        return c

    def _goal_channels(self, c: pd.DataFrame, y: int) -> None:
        """Emergency visits of patients 80+, branch clinics, Digitalen and the question on
        violence: exact counts on suitable contacts (patients re-drawn where age matters)."""
        p, rng = self.pub, self.rng
        table = "styrmatt_vard"

        def goal(line: str, key: str, sex: str | None = None) -> int:
            value = p.get((table, line, str(y)))
            if value is None:
                return GOALS_2022[key][sex] if sex else GOALS_2022[key]
            return int(value)

        c["fraga_vald"] = "N"
        for sex in ("K", "M"):
            label = "Kvinnor" if sex == "K" else "Män"
            pick = rng.permutation(np.flatnonzero(
                ((c.vardtyp == "Somatik") & (c.yrkeskategori == "Läkare")
                 & (c.kontaktform == "Fysisk") & (c.kon == sex)).to_numpy()))
            n80 = goal(f"Antal besök 80 år och äldre på akutmottagning | {label}", "ed80", sex)
            ed80, ed_other = pick[:n80], pick[n80:n80 + 3 * n80]
            c.loc[np.concatenate([ed80, ed_other]), "kanal"] = "Akutmottagning"
            c.loc[ed80, "patient"] = self.pool.draw(len(ed80), sex=sex, min_age=81, year=y)
            c.loc[ed_other, "patient"] = self.pool.draw(len(ed_other), sex=sex, max_age=78,
                                                        year=y)
            branch = rng.permutation(np.flatnonzero(
                ((c.vardtyp == "Primärvård") & (c.regi == "Egen regi")
                 & (c.kontaktform == "Fysisk") & (c.kon == sex)).to_numpy()))
            n = goal(f"Antal vårdkontakter på filialer och servicepunkter | {label}", "branch",
                     sex)
            c.loc[branch[:n], "kanal"] = np.where(rng.random(n) < 0.6, "Filial", "Servicepunkt")
            asked = (c.vardtyp.isin(["Primärvård", "Psykiatri"]) & (c.kon == sex)
                     & (c.kontaktform == "Fysisk") & (c.kanal == "Mottagning")).to_numpy()
            pool = rng.permutation(np.flatnonzero(asked))
            n = goal(f"Antal patienter som fått fråga om våld i nära relation | {label}",
                     "violence", sex)
            # One asked contact per patient: the measure counts patients.
            first = pd.Series(pool).groupby(c.patient.to_numpy()[pool]).first().to_numpy()
            c.loc[rng.permutation(first)[:n], "fraga_vald"] = "J"
        digital = rng.permutation(np.flatnonzero(
            ((c.vardtyp == "Primärvård") & (c.regi == "Egen regi") & (c.yrkeskategori == "Övriga")
             & (c.kontaktform == "Distans")).to_numpy()))
        n = int(p.get((table, "Antal slutförda ärenden (triage) på Digitalen", str(y)),
                      GOALS_2022["digitalen"]))
        c.loc[digital[:n], "kanal"] = "Digitalen"
