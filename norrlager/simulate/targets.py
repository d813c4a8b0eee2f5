"""What the simulated HR and payroll system is calibrated to: the report's personnel tables.

The HR simulation is a micro-simulation (persons, employments, absence spells, pay lines), so
its calibration works in two steps: the published figures fix yearly targets here, and the
simulators hit them exactly by construction (headcounts, FTE) or by filling absence and
overtime hours up to them. The marts never see this module, only the rows it leads to.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from norrlager.config import dbt_vars
from norrlager.reference import known_conflicts, published_values, rounding_half_width
from norrlager.simulate.lp import LinearModel, add

HR_YEARS = tuple(dbt_vars()["hr_years"])
PAYROLL_YEARS = tuple(dbt_vars()["payroll_years"])
SEXES = ("K", "M")
AGE_BANDS = ("-29", "30-49", "50-")
INTERVALS = ("1-14", "15-59", "60-90", "91-")
# Spell lengths (calendar days) per interval, as the marts classify them (macro sick_interval).
INTERVAL_DAYS = {"1-14": (1, 14), "15-59": (15, 59), "60-90": (60, 90), "91-": (91, 420)}


def hours_per_fte() -> float:
    """Worked hours of one årsarbetare: a dbt variable, the one place the rule is kept."""
    return float(dbt_vars()["hours_per_fte"])


# The simulated shares aim inside this part of each printed figure's rounding interval: the
# rest is the margin left for what the fill of spells and the rounding of the extracts add, so
# that every seed, not only the default one, reproduces the print.
TARGET_SHARE_OF_INTERVAL = 0.9


def share_range(printed: str) -> tuple[float, float]:
    """The values that round to a printed percentage, as fractions, inside the margin."""
    h = rounding_half_width(printed) * TARGET_SHARE_OF_INTERVAL
    return (float(printed) - h) / 100, (float(printed) + h) / 100


def men_share_window(year: int) -> tuple[float, float]:
    """The men's share of scheduled hours for which the year's printed sick-leave shares of
    women, men and all (each at its finest printed precision) can all hold: all = women ×
    (1 − p) + men × p, so p = (women − all) / (women − men), rising in women and men and
    falling in all."""
    pub = published_values()
    table = "sjukfranvaro_kon_alder"

    def finest(line: str) -> tuple[float, float]:
        text = (pub.get((table, f"{line}, två decimaler", str(year)))
                or pub[(table, line, str(year))])
        return share_range(text)

    (w_lo, w_hi), (m_lo, m_hi) = finest("Sjukfrånvaro kvinnor"), finest("Sjukfrånvaro män")
    t_lo, t_hi = (share_range(pub[(table, "Sjukfrånvaro total, två decimaler", str(year))])
                  if (table, "Sjukfrånvaro total, två decimaler", str(year)) in pub
                  else share_range(pub[(table, "Total sjukfrånvaro", str(year))]))
    return (w_lo - t_hi) / (w_lo - m_lo), (w_hi - t_lo) / (w_hi - m_hi)


@dataclass(frozen=True)
class StaffTargets:
    headcount: dict[int, int]  # 31 Dec of the year (2018 is the assumed starting point)
    groups: dict[int, dict[str, int]]  # year -> occupational group -> headcount 31 Dec
    temporaries: dict[int, int]
    fte: dict[int, float]
    quits: dict[int, int]  # permanent employees who left for another employer
    retirements: dict[int, int]


def staff_targets(occupational_groups: list[str]) -> StaffTargets:
    pub = published_values()
    headcount = {y: int(pub[("oversikt", "Antal anställda 31/12", str(y))]) for y in HR_YEARS}
    headcount[2018] = 7300
    fte = {y: float(pub[("oversikt", "Antal årsarbetare", str(y))]) for y in HR_YEARS}
    groups: dict[int, dict[str, int]] = {}
    for y in (2022, 2023):
        groups[y] = {g: int(pub[("anstallda_per_yrkesgrupp", g, f"{y}-12-31")])
                     for g in occupational_groups}
    shares = np.array([groups[2022][g] for g in occupational_groups], dtype=float)
    for y in (2018, 2019, 2020, 2021):
        groups[y] = dict(zip(occupational_groups,
                             largest_remainder(shares / shares.sum() * headcount[y]),
                             strict=True))
    temps = {2018: 470, 2019: 480, 2020: 500, 2021: 490}
    for y in (2022, 2023):
        temps[y] = int(pub[("anstallda_per_yrkesgrupp", "Varav vikarier och tillfälligt anställda",
                            f"{y}-12-31")])
    permanent_2023 = headcount[2023] - temps[2023]
    quits = {y: round(0.088 * (headcount[y] - temps[y])) for y in HR_YEARS}
    quits[2023] = int(pub[("personalomsattning", "Avslutsenkät utskick (medarbetare som slutade)",
                           "2023")])
    retirements = {y: round(0.021 * (headcount[y] - temps[y])) for y in HR_YEARS}
    retirements[2023] = round(float(pub[("personalomsattning", "Pensionsavgångar", "2023")])
                                  / 100 * permanent_2023)
    return StaffTargets(headcount, groups, temps, fte, quits, retirements)


def largest_remainder(x: np.ndarray) -> list[int]:
    base = np.floor(x).astype(int)
    short = round(x.sum()) - base.sum()
    base[np.argsort(-(x - base))[:short]] += 1
    return base.tolist()


@dataclass(frozen=True)
class AbsenceTargets:
    """Hours per year: sick leave per (sex, age band, interval); other kinds per year."""
    sick: dict[tuple[int, str, str, str], float]
    vacation: dict[int, float]
    parental: dict[int, float]
    other: dict[int, float]
    violated: list


def absence_targets(ordinary: dict[tuple[int, str, str], float]) -> AbsenceTargets:
    """ordinary: scheduled hours per (year, sex, age band), from the simulated employments."""
    pub = published_values()
    conflicts = known_conflicts()
    m = LinearModel()
    sick, vacation, parental, other = {}, {}, {}, {}
    prior_interval = {"1-14": 0.45, "15-59": 0.16, "60-90": 0.06, "91-": 0.33}
    for y in HR_YEARS:
        total_o = sum(ordinary[(y, s, a)] for s in SEXES for a in AGE_BANDS)
        share = float(pub[("sjukfranvaro_intervall", "Total sjukfrånvaro", str(y))]) / 100

        def cells(s=None, a=None, i=None, y=y):
            return add(*[(1, m.ref((y, ss, aa, ii))) for ss in SEXES for aa in AGE_BANDS
                         for ii in INTERVALS
                         if (s in (None, ss)) and (a in (None, aa)) and (i in (None, ii))])

        for s in SEXES:
            for a in AGE_BANDS:
                for i in INTERVALS:
                    m.var((y, s, a, i), ordinary[(y, s, a)] * share * prior_interval[i], 0.0)
        rows: list[tuple[str, str, object]] = [
            ("sjukfranvaro_intervall", "Total sjukfrånvaro", None),
            ("sjukfranvaro_kon_alder", "Sjukfrånvaro total, två decimaler", None),
            ("sjukfranvaro_kon_alder", "Sjukfrånvaro kvinnor", ("K", None)),
            ("sjukfranvaro_kon_alder", "Sjukfrånvaro män", ("M", None)),
            ("sjukfranvaro_kon_alder", "Sjukfrånvaro kvinnor, två decimaler", ("K", None)),
            ("sjukfranvaro_kon_alder", "Sjukfrånvaro män, två decimaler", ("M", None)),
            ("sjukfranvaro_kon_alder", "Sjukfrånvaro –29 år", (None, "-29")),
            ("sjukfranvaro_kon_alder", "Sjukfrånvaro 30–49 år", (None, "30-49")),
            ("sjukfranvaro_kon_alder", "Sjukfrånvaro 50– år", (None, "50-")),
        ]
        for table, line, where in rows:
            text = pub.get((table, line, str(y)))
            if text is None or (table, line, str(y)) in conflicts:
                continue
            lo, hi = share_range(text)
            s, a = where if where else (None, None)
            den = sum(ordinary[(y, ss, aa)] for ss in SEXES for aa in AGE_BANDS
                      if s in (None, ss) and a in (None, aa))
            m.between(cells(s=s, a=a), lo * den, hi * den, (table, line, y))
        labels = {"1-14": "1–14 dagar", "15-59": "15–59 dagar", "60-90": "60–90 dagar",
                  "91-": "91- dagar"}
        for i, line in labels.items():
            lo, hi = share_range(pub[("sjukfranvaro_intervall", line, str(y))])
            m.between(cells(i=i), lo * total_o, hi * total_o, ("interval", i, y))
        long_line = "Lång sjukfrånvaro (dag 15-) andel av total sjukfrånvaro"
        lo, hi = share_range(pub[("sjukfranvaro_intervall", long_line, str(y))])
        long = add(*[(1, cells(i=i)) for i in INTERVALS[1:]])
        m.between(add((1, long), (-lo, cells())), 0, np.inf, ("long share lo", y))
        m.between(add((1, long), (-hi, cells())), -np.inf, 0, ("long share hi", y))
        short_line = "Kort sjukfrånvaro (1–14 dagar) andel av total sjukfrånvaro"
        lo, hi = share_range(pub[("sjukfranvaro_intervall", short_line, str(y))])
        m.between(add((1, cells(i="1-14")), (-lo, cells())), 0, np.inf, ("short share lo", y))
        m.between(add((1, cells(i="1-14")), (-hi, cells())), -np.inf, 0, ("short share hi", y))
        # Worked time + sick leave + other absence is all of the scheduled time: pick the
        # other-absence share so that all three round to their printed values.
        w_lo, w_hi = share_range(pub[("arbetad_tid_och_franvaro", "Arbetad tid (basbemanning)",
                                      str(y))])
        o_lo, o_hi = share_range(pub[("arbetad_tid_och_franvaro",
                                 "Semester, föräldraledighet, övrig frånvaro", str(y))])
        other[y] = (w_lo, w_hi, o_lo, o_hi, total_o)
        vac = pub.get(("arbetad_tid_och_franvaro", "Semesteruttag", str(y)), "9.4")
        par = pub.get(("arbetad_tid_och_franvaro", "Föräldraledighet", str(y)), "4.4")
        vacation[y] = float(vac) / 100 * total_o
        parental[y] = float(par) / 100 * total_o
    x, violated = m.solve()
    for key, i in m.index.items():
        sick[key] = float(x[i])
    others = {}
    for y, (w_lo, w_hi, o_lo, o_hi, total_o) in other.items():
        s = sum(v for k, v in sick.items() if k[0] == y) / total_o
        lo, hi = max(o_lo, 1 - s - w_hi), min(o_hi, 1 - s - w_lo)
        if lo > hi:
            violated.append((("arbetad_tid_och_franvaro", y), lo - hi))
        others[y] = (lo + hi) / 2 * total_o - vacation[y] - parental[y]
    return AbsenceTargets(sick, vacation, parental, others, violated)


@dataclass(frozen=True)
class WorkedHoursTargets:
    """Own staff's worked hours incl. overtime and hired staff's hours, 2022 and 2023, such
    that the report's hired-staff key ratios come out (årsarbetare = hours / hours_per_fte)."""
    own: dict[int, float]
    hired: dict[int, float]


def worked_hours_targets() -> WorkedHoursTargets:
    pub = published_values()
    table = "inhyrd_personal_nyckeltal"
    hpf = hours_per_fte()
    hired_fte = float(pub[(table, "Ökning årsarbetare inhyrd personal", "2023")])
    own_fte = float(pub[(table, "Ökning årsarbetare egen personal", "2023")])
    hired_growth = float(pub[(table, "Ökning arbetade timmar inhyrd personal", "2023")]) / 100
    total_growth = float(pub[(table, "Ökning total arbetad tid inkl inhyrd", "2023")]) / 100
    hired_2022 = hired_fte * hpf / hired_growth
    base_2022 = (hired_fte + own_fte) * hpf / total_growth
    own_2022 = base_2022 - hired_2022
    return WorkedHoursTargets(
        own={2022: own_2022, 2023: own_2022 + own_fte * hpf},
        hired={2021: hired_2022 * 0.8, 2022: hired_2022, 2023: hired_2022 + hired_fte * hpf})
