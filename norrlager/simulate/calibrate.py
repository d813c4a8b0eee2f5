"""Calibrate the simulated ledger to the published annual report.

The simulation needs amounts per scenario (actual year or budget), account, unit group and
counterparty kind (external or internal) such that the marts, computing the report's tables
from the ledger rows, reproduce every published figure when rounded as the report rounds.
Each published figure becomes a range constraint on a linear expression of those amounts
(ratios are linearised with their denominator's known sign); a linear programme finds amounts
close to a plausible prior that satisfy them all. Rows the reference marks as contradictions of
the report (seed `known_conflicts`) are left out: the ledger follows the other side.

The expressions below mirror the dbt models in `models/marts/operating_accounts`; the marts never
see this module or the published figures, only the ledger rows it leads to.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from norrlager.config import dbt_vars
from norrlager.reference import (
    Account,
    accounts,
    cost_centres,
    health_care_excluding_dental,
    known_conflicts,
    label_of,
    leaf_codes,
    line_code,
    providers,
    published_numbers,
    published_values,
    report_lines,
    rounding_half_width,
    shared_services_key,
)
from norrlager.simulate.lp import Expr, LinearModel, add
from norrlager.simulate.statistics import inhabitants

# The years are the dbt project's (vars first_year … report_year, invoice_years,
# payroll_years): the simulated systems cover what the models expect.
YEARS = list(range(dbt_vars()["first_year"], dbt_vars()["report_year"] + 1))
REPORT_YEAR = dbt_vars()["report_year"]
# The report prints the report year and the one before in detail, and their budgets.
DETAIL_YEARS = (REPORT_YEAR - 1, REPORT_YEAR)
BUDGETS = DETAIL_YEARS
# Accounts on which the region's units trade with each other (rents, lab, imaging, IT, service).
INTERNAL_REVENUE = ("3320", "3910", "3930")
INTERNAL_COST = ("6320", "6510", "6610")
FINANCE_GROUP = "FINF"
# The cash-flow sections by their line codes (seed report_lines); the operating one first.
CF_LINES = ("kassaflode_lopande", "kassaflode_investering", "kassaflode_finansiering")
SOLIDITY = ("soliditet_blandmodell", "soliditet_fullfondering")
MEMO_BALANCES = ("0910", "0920", "0930")
# The invoice system (2022–2023) splits purchased out-of-county care (account 6310) into the
# report's categories and providers; vårdval (6710), other services (6320) and patient
# transport (6410) are invoiced too.
INVOICE_YEARS = tuple(dbt_vars()["invoice_years"])
OUT_OF_COUNTY = "6310"
OUT_OF_COUNTY_CATEGORIES = ("Riks- och regionsjukvård", "Patientens fria val", "Vårdgaranti")
HOSPITAL_PROVIDERS = ("NUS", "KS", "AS", "SU", "CAPIO", "ALERIS")
# Accounts booked only by some units: out-of-county care by the care divisions and the
# region-wide funds, patient transport by VO Sjukresor (Division Regionstöd), vårdval payments
# from the region-wide funds and Division Nära.
ACCOUNT_UNITS = {"6310": ("STAB", "LS1", "LS2", "PSYK", "NARA"), "6410": ("RSTOD",),
                 "6710": ("STAB", "NARA"), "5610": ("NARA", "LS1", "LS2", "FUNK", "PSYK")}
# Hired staff (5610) is invoiced by staffing agencies per care area and profession, 2021–2023.
# A care area's hired staff works at the units whose activity is that care (seed activities).
HIRED_YEARS = tuple(dbt_vars()["payroll_years"])
HIRED_STAFF = "5610"
PROFESSIONS = ("Sjuksköterskor", "Läkare", "Andra personalgrupper")
CARE_AREA_GROUPS = {"Somatisk vård": ("LS1", "LS2", "FUNK"), "Primärvård": ("NARA",),
                    "Psykiatrisk vård": ("PSYK",)}
CARE_AREA_SHORT = {"Somatik": "Somatisk vård", "Primärvård": "Primärvård",
                   "Psykiatri": "Psykiatrisk vård"}
MEMO_FLOWS = ("0940",)
# Net cost per inhabitant by activity area (Kolada, from the räkenskapssammandrag): the external
# operating items of the area's units, plus the area's share of the shared services' net cost
# (activity 300, by the key in seed activities), over the population on 31 December. Units of
# one group can carry different activities: the calibration divides each of such a group's
# external operating accounts over its activities, and every system books it so.
PER_INHABITANT = "nettokostnad_per_invanare_kolada"
# The region-wide funds (vårdval, purchased care, pharmaceuticals within the benefit) employ no
# one; payroll is booked where staff work.
UNSTAFFED = ("070301", "070302", "070303", "070401")
PAYROLL_BOOKED = ("5010", "5110", "5410")
# Accounts the simulated world books at one kind of unit: vårdval payments at primary care,
# purchased and hired care at care units, patient transport at VO Sjukresor (övrig vård).
ACCOUNT_ACTIVITIES = {"6710": ("110",), "6310": ("110", "120", "130"), "6410": ("150",),
                      "5610": ("110", "120", "130")}
SHARED_SERVICES = "300"
HEALTH_CARE_SUM = "hs_exkl_tandvard"

Scenario = tuple[str, int]  # ("A", 2023) actual, ("B", 2023) budget


@dataclass
class Calibration:
    """Solved amounts in mnkr. Operating and financial cells carry the report's sign
    (revenue positive, cost negative); balance-sheet amounts are in balance-sheet sign
    (assets debit positive, liabilities and equity credit positive)."""

    pl: dict[tuple[Scenario, str, str, str], float]  # (scenario, konto, group, kind)
    opening: dict[str, float]  # konto -> opening balance 1 Jan of the first year
    movement: dict[tuple[int, str], float]  # (year, konto) -> movement, non-cash BS accounts
    rur_transfer: dict[tuple[str, int], float]  # ("in"|"out", year) -> transfer at year end
    memo: dict[tuple[int, str], float]  # (year, konto) -> closing value (balances) or flow
    violated: list[tuple[object, float]]
    category: dict[tuple[int, str], float]  # (year, out-of-county category) -> mnkr
    provider: dict[tuple[int, str], float]  # (year, provider id) -> mnkr of out-of-county care
    hired: dict[tuple[int, str, str], float]  # (year, profession, care area) -> mnkr
    # (year, account, group, activity) -> external amount (report sign), for the groups whose
    # units carry more than one activity: every system books the account there so
    activity: dict[tuple[int, str, str, str], float]


class Builder:
    def __init__(self) -> None:
        self.m = LinearModel()
        self.acc = accounts()
        self.cc = cost_centres()
        self.groups = sorted({c.group for c in self.cc.values()})
        self.group_drift = {c.group: c.drift for c in self.cc.values()}
        self.group_division = {c.group: c.division for c in self.cc.values()}
        self.group_namnd = {c.group: c.namnd for c in self.cc.values()}
        self.pub = published_numbers()
        # Per group: units per activity, and units with staff per activity.
        self.group_activities: dict[str, dict[str, int]] = {}
        self.staffed: dict[str, dict[str, int]] = {}
        for c in self.cc.values():
            units = self.group_activities.setdefault(c.group, {})
            units[c.verksamhet] = units.get(c.verksamhet, 0) + 1
            staffed = self.staffed.setdefault(c.group, {})
            if c.ansvar not in UNSTAFFED:
                staffed[c.verksamhet] = staffed.get(c.verksamhet, 0) + 1
        self._make_pl_vars()
        self._make_balance_vars()
        self._make_purchase_vars()
        self._make_hired_vars()
        self._make_payroll_shape()
        self._make_activity_vars()

    # ---------------------------------------------------------------- variables
    def _scale(self, scen: Scenario) -> float:
        kind, year = scen
        net_cost = label_of("oversikt", "verksamhetens_nettokostnad")
        nc = {y: -self.pub.get(("oversikt", net_cost, str(y)), 0)
              for y in YEARS}
        # The first year is not published: a little below the second.
        nc[YEARS[0]] = nc[YEARS[1]] / 1.033
        if kind == "B":
            return 1.0 if year == REPORT_YEAR else nc[REPORT_YEAR - 1] / nc[REPORT_YEAR]
        return nc[year] / nc[REPORT_YEAR]

    def _line_in_report_year(self, table: str, line: str) -> float:
        return self.pub.get((table, line, str(REPORT_YEAR)), 0.0)

    def _group_share(self, group: str, revenue: bool) -> float:
        drift = self.group_drift[group]
        col = label_of("driftredovisning", "intakter" if revenue else "kostnader")
        before = label_of("driftredovisning", "summa_fore_eliminering")
        total = abs(self.pub.get(("driftredovisning", f"{before} | {col}", str(REPORT_YEAR)), 1))
        unit = abs(self.pub.get(("driftredovisning", f"{drift} | {col}", str(REPORT_YEAR)), 0))
        main = [g for g in self.groups if self.group_drift[g] == drift]
        # The staff-run units followed up under a division are small.
        share = 0.002 if "_" in group else 1.0 - 0.002 * (len(main) - 1)
        return share * unit / total

    def _account_prior_report_year(self, a: Account) -> float:
        siblings = [b for b in self.acc.values()
                    if b.not_tabell == a.not_tabell and b.not_line_code == a.not_line_code]
        printed = label_of(a.not_tabell, a.not_line_code)
        return self._line_in_report_year(a.not_tabell, printed) / len(siblings)

    def _pl_bounds(self, a: Account) -> tuple[float | None, float | None]:
        if a.konto in {"5810", "6810", "8030", "8140"}:
            return None, None
        return (0.0, None) if a.is_revenue else (None, 0.0)

    def _make_pl_vars(self) -> None:
        scenarios = [("A", y) for y in YEARS] + [("B", y) for y in BUDGETS]
        for scen in scenarios:
            f = self._scale(scen)
            for a in self.acc.values():
                if not a.is_pl:
                    continue
                lb, ub = self._pl_bounds(a)
                total = self._account_prior_report_year(a) * f
                if not a.is_operating:
                    self.m.var((scen, a.konto, FINANCE_GROUP, "ext"), total, lb, ub)
                    continue
                homes = ACCOUNT_UNITS.get(a.konto)
                for g in self.groups:
                    share = self._group_share(g, a.is_revenue)
                    if homes is not None:
                        if g not in homes:
                            continue
                        share = 1 / len(homes)
                    self.m.var((scen, a.konto, g, "ext"), total * share, lb, ub)
                    if a.konto in INTERNAL_REVENUE + INTERNAL_COST:
                        internal = 4297 * f * share / 3 * (1 if a.is_revenue else -1)
                        self.m.var((scen, a.konto, g, "int"), internal, lb, ub)
            # Internal trade is booked on both sides: it must net to zero.
            self.m.between(self.pl(scen, kinds=("int",)), 0, 0, ("internal nets", scen), False)

    def _make_balance_vars(self) -> None:
        for a in self.acc.values():
            if not a.is_balance:
                continue
            labels = {line.code: label for (table, label), line in report_lines().items()
                      if table == "balansrakning"}
            guess = self.pub.get(("balansrakning", labels.get(a.br_line_code),
                                  str(REPORT_YEAR - 1)), 0) * 0.4
            self.m.var(("ob", a.konto), guess, 0.0 if a.kind != "eget_kapital" else None)
            if a.kind in {"tillgang", "skuld"}:
                for y in YEARS:
                    self.m.var(("mv", y, a.konto), 0.0)
        for y in YEARS:
            self.m.var(("rur_in", y), 0.0, 0.0)
            self.m.var(("rur_out", y), 0.0, 0.0)
            for k in MEMO_BALANCES + MEMO_FLOWS:
                self.m.var(("memo", y, k), 0.0, 0.0 if k in MEMO_BALANCES else None)
        # The opening balance sheet balances.
        expr = add(*[(1 if a.is_asset else -1, self.m.ref(("ob", a.konto)))
                     for a in self.acc.values() if a.is_balance])
        self.m.between(expr, 0, 0, "opening balance sheet balances", False)

    def _make_purchase_vars(self) -> None:
        for y in INVOICE_YEARS:
            total = add((-1, self.pl(("A", y), konto=OUT_OF_COUNTY)))
            n = len(OUT_OF_COUNTY_CATEGORIES)
            cats = [self.m.var(("cat", y, c), 800 / n, 0.0) for c in OUT_OF_COUNTY_CATEGORIES]
            provs = [self.m.var(("prov", y, p), 800 / len(HOSPITAL_PROVIDERS), 0.0)
                     for p in HOSPITAL_PROVIDERS]
            for parts, name in ((cats, "categories"), (provs, "providers")):
                self.m.between(add((1, total), *[(-1, v) for v in parts]), 0, 0,
                               (f"out-of-county {name} add up", y), False)

    def _make_payroll_shape(self) -> None:
        """The payroll journal books wages, employer contributions and pensions of every unit
        that has staff: keep their proportions those of a payroll (contributions about 31 %
        of wages, pensions 15–45 %) and every unit's wages at least 1 mnkr."""
        for y in HIRED_YEARS:
            for g in self.groups:
                keys = [(("A", y), k, g, "ext") for k in ("5010", "5110", "5410")]
                if not all(self.m.has(k) for k in keys):
                    continue
                wages, contrib, pension = (self.m.ref(k) for k in keys)
                label = ("payroll shape", y, g)
                self.m.between(add((1, contrib), (-0.30, wages)), -np.inf, 0, (*label, 1), False)
                self.m.between(add((1, contrib), (-0.33, wages)), 0, np.inf, (*label, 2), False)
                self.m.between(add((1, pension), (-0.15, wages)), -np.inf, 0, (*label, 3), False)
                self.m.between(add((1, pension), (-0.45, wages)), 0, np.inf, (*label, 4), False)
                self.m.between(wages, -np.inf, -1.0, (*label, 5), False)

    def _make_hired_vars(self) -> None:
        for y in HIRED_YEARS:
            for area in CARE_AREA_GROUPS:
                parts = [self.m.var(("hire", y, p, area), 50.0 * self._scale(("A", y)), 0.0)
                         for p in PROFESSIONS]
                self.m.between(add((1, self.hired_area(y, area)), *[(-1, v) for v in parts]),
                               0, 0, ("hired staff professions add up", y, area), False)

    def allowed_activities(self, group: str, konto: str) -> list[str]:
        """The activities of a group's units an account may be booked at: payroll only where
        staff work, an account the simulated world books at one kind of unit only there."""
        acts = list(self.group_activities[group])
        if konto in PAYROLL_BOOKED:
            acts = [a for a in acts if a in self.staffed[group]]
        if konto in ACCOUNT_ACTIVITIES:
            acts = [a for a in acts if a in ACCOUNT_ACTIVITIES[konto]] or acts
        return acts

    def _make_activity_vars(self) -> None:
        """A group whose units carry several activities divides each external operating
        account over them (the prior by the number of units that may book it)."""
        for y in YEARS:
            scen = ("A", y)
            for g, units in self.group_activities.items():
                if len(units) == 1:
                    continue
                for a in self.acc.values():
                    key = (scen, a.konto, g, "ext")
                    if not (a.is_pl and a.is_operating and self.m.has(key)):
                        continue
                    acts = self.allowed_activities(g, a.konto)
                    count = {x: (self.staffed[g][x] if a.konto in PAYROLL_BOOKED else units[x])
                             for x in acts}
                    prior = self.m.prior[self.m.index[key]]
                    lb, ub = self._pl_bounds(a)
                    parts = [self.m.var(("act", y, a.konto, g, x),
                                        prior * count[x] / sum(count.values()), lb, ub)
                             for x in acts]
                    self.m.between(add((1, self.m.ref(key)), *[(-1, v) for v in parts]), 0, 0,
                                   ("account divided over activities", y, a.konto, g), False)

    def ext_operating(self, scen: Scenario, group: str) -> Expr:
        """External operating amounts of one unit group (report sign)."""
        terms: Expr = {}
        for a in self.acc.values():
            key = (scen, a.konto, group, "ext")
            if a.is_pl and a.is_operating and self.m.has(key):
                terms[self.m.index[key]] = 1.0
        return terms

    def activity_own(self, year: int, activity: str) -> Expr:
        """External operating net amount of the units of one activity (report sign)."""
        terms: list[tuple[float, Expr]] = []
        for g, units in self.group_activities.items():
            if activity not in units:
                continue
            if len(units) == 1:
                terms.append((1, self.ext_operating(("A", year), g)))
                continue
            for a in self.acc.values():
                key = ("act", year, a.konto, g, activity)
                if self.m.has(key):
                    terms.append((1, self.m.ref(key)))
        return add(*terms)

    def per_inhabitant(self, year: int, activities: tuple[str, ...]) -> Expr:
        """Net cost per inhabitant of activity areas (kr, costs positive), the shared
        services distributed by their key."""
        key = shared_services_key()
        shared = self.activity_own(year, SHARED_SERVICES)
        factor = -1e6 / inhabitants(year)
        return add(*[(factor, add((1, self.activity_own(year, a)), (key[a], shared)))
                     for a in activities])

    def hired_area(self, year: int, area: str) -> Expr:
        """Hired-staff cost of a care area (cost sign, positive)."""
        keys = [(("A", year), HIRED_STAFF, g, "ext") for g in CARE_AREA_GROUPS[area]]
        return {self.m.index[k]: -1.0 for k in keys if self.m.has(k)}

    def out_of_county(self, year: int) -> Expr:
        return add((-1, self.pl(("A", year), konto=OUT_OF_COUNTY)))

    # ---------------------------------------------------------------- expressions
    def pl(self, scen: Scenario, kinds: tuple[str, ...] = ("ext",), **where: object) -> Expr:
        """Sum of P&L cells in report sign. where: account attributes (e.g. rr_line_code=...) and
        unit attributes drift=, division=, namnd=, operating=True."""
        acc_filter = {k: v for k, v in where.items() if k not in {"drift", "division", "namnd",
                                                                   "operating", "revenue"}}
        terms: Expr = {}
        for a in self.acc.values():
            if not a.is_pl or any(getattr(a, k) != v for k, v in acc_filter.items()):
                continue
            if "operating" in where and a.is_operating != where["operating"]:
                continue
            if "revenue" in where and a.is_revenue != where["revenue"]:
                continue
            for g in self.groups:
                if "drift" in where and self.group_drift[g] != where["drift"]:
                    continue
                if "division" in where and self.group_division[g] != where["division"]:
                    continue
                if "namnd" in where and self.group_namnd[g] != where["namnd"]:
                    continue
                for kind in kinds:
                    key = (scen, a.konto, g, kind)
                    if self.m.has(key):
                        terms[self.m.index[key]] = 1.0
        return terms

    def net_cost(self, scen: Scenario, **where: object) -> Expr:
        return self.pl(scen, kinds=("ext", "int"), operating=True, **where)

    def result(self, year: int) -> Expr:
        return self.pl(("A", year), kinds=("ext", "int"))

    def taxes_and_grants(self, scen: Scenario) -> Expr:
        return add((1, self.pl(scen, kind="skatteintakt")),
                   (1, self.pl(scen, kind="generellt_statsbidrag")))

    def closing(self, year: int, konto: str) -> Expr:
        """Closing balance in balance-sheet sign."""
        a = self.acc[konto]
        if a.kind == "likvida_medel":
            return add((1, self.m.ref(("ob", konto))),
                       *[(1, self.cash_flow(y)) for y in YEARS if y <= year])
        if a.kind == "eget_kapital":
            rur = add(*[(1, self.rur_net(y)) for y in YEARS if y <= year])
            sign = 1 if konto == "2012" else -1
            own = add((1, self.m.ref(("ob", konto))), (sign, rur))
            if konto == "2010":
                own = add((1, own), *[(1, self.result(y)) for y in YEARS if y < year])
            return own
        return add((1, self.m.ref(("ob", konto))),
                   *[(1, self.m.ref(("mv", y, konto))) for y in YEARS if y <= year])

    def rur_net(self, year: int) -> Expr:
        return add((1, self.m.ref(("rur_in", year))), (-1, self.m.ref(("rur_out", year))))

    def bs_line(self, year: int, code: str) -> Expr:
        return add(*[(1, self.closing(year, a.konto)) for a in self.acc.values()
                     if a.is_balance and a.br_line_code == code])

    def bs_leaf(self, year: int, code: str) -> Expr:
        """A balance-sheet line no other line adds to: its accounts' closing balances, the
        year's result, or a commitment outside the balance sheet."""
        if code == "periodens_resultat":
            return self.result(year)
        memo = {a.br_line_code: a.konto for a in self.acc.values() if a.kind == "memo"
                and a.br_line_code}
        if code in memo:
            return self.m.ref(("memo", year, memo[code]))
        return self.bs_line(year, code)

    def cash_flow(self, year: int, line: str | None = None) -> Expr:
        terms: list[tuple[float, Expr]] = []
        if line in (None, CF_LINES[0]):
            terms.append((1, self.result(year)))
        for a in self.acc.values():
            if a.kind in {"tillgang", "skuld"} and (line is None or a.kassaflode_line_code == line):
                terms.append((-1 if a.is_asset else 1, self.m.ref(("mv", year, a.konto))))
        return add(*terms)

    def equity_total(self, year: int) -> Expr:
        return add((1, self.bs_line(year, "eget_kapital_ingaende")), (1, self.result(year)))

    def total_assets(self, year: int) -> Expr:
        return add(*[(1, self.closing(year, a.konto)) for a in self.acc.values() if a.is_asset])

    def net_investments(self, year: int) -> Expr:
        return add(*[(1, self.m.ref(("mv", year, k))) for k in ("1010", "1110", "1210")])

    def after_adjustments(self, year: int) -> Expr:
        """Årets resultat efter balanskravsjusteringar."""
        scen = ("A", year)
        return add((1, self.result(year)),
                   (-1, self.pl(scen, balanskrav_line_code="avgar_realisationsvinster")),
                   (-1, self.pl(scen,
                                balanskrav_line_code="orealiserade_vardepapper")),
                   (1, self.m.ref(("memo", year, "0940"))))

    # ---------------------------------------------------------------- figures
    def figure(self, table: str, line: str, period: str):
        """The expression behind one published row: ('value', expr) or
        ('ratio', numerator, denominator, factor); None where the row is not built here."""
        if (table == "driftredovisning"
                and line_code(table, line.rpartition(" | ")[2]) == "avvikelse_nettokostnad"):
            year = int(period)
            a = self._value(table, line, ("A", year), year, False)
            b = self._value(table, line, ("B", year), year, True)
            return "value", add((1, a[1]), (-1, b[1]))
        if period.startswith("avvikelse_"):
            year = int(period.split("_")[1])
            a, b = self.figure(table, line, str(year)), self.figure(table, line, f"budget_{year}")
            if a is None or b is None:
                return None
            return "value", add((1, a[1]), (-1, b[1]))
        if period.startswith("budget_"):
            scen: Scenario = ("B", int(period.split("_")[1]))
        elif period.isdigit():
            scen = ("A", int(period))
        else:
            return None
        year = scen[1]
        if year not in YEARS:
            return None
        return self._value(table, line, scen, year, budget=scen[0] == "B")

    def _value(self, table, line, scen, year, budget):
        pl = self.pl
        layout = report_lines().get((table, line))
        if table == "resultatrakning" and layout is not None:
            # A line is the sum of the accounts of the lines under it, as the mart sums them.
            return "value", add(*[(1, pl(scen, rr_line_code=leaf))
                                  for leaf in leaf_codes(table, layout.code)])
        code = line_code(table, line)
        if table.startswith("not") and table[3].isdigit():
            if code == "totalt":
                return "value", pl(scen, not_tabell=table)
            return "value", pl(scen, not_tabell=table, not_line_code=code)
        if table in {"intakter_per_slag", "kostnader_per_slag"}:
            sign = -1 if table == "kostnader_per_slag" else 1
            if code == "summa":
                return "value", add((sign, pl(scen, slag_tabell=table)))
            return "value", add((sign, pl(scen, slag_tabell=table, slag_line_code=code)))
        # The taxes-and-grants table repeats the income statement's two lines.
        if table == "skatter_och_statsbidrag" and code != "summa":
            return "value", pl(scen, rr_line_code=line_code("resultatrakning", line))
        if table == "skatter_och_statsbidrag":
            return "value", self.taxes_and_grants(scen)
        if table == "nettokostnad_per_namnd":
            if code == "summa":
                return "value", self.net_cost(scen)
            return "value", self.net_cost(scen, namnd=line)
        if table == "nettokostnad_per_division":
            if code == "summa":
                return "value", self.net_cost(scen)
            if code == "divisionerna":
                divs = sorted({c.division for c in self.cc.values() if c.is_division})
                return "value", add(*[(1, self.net_cost(scen, division=d)) for d in divs])
            return "value", self.net_cost(scen, division=line)
        if table == "driftredovisning":
            unit, _, col = line.partition(" | ")
            unit_code = line_code(table, unit)
            col = line_code(table, col)
            both = ("ext", "int")
            if unit_code == "summa_fore_eliminering":
                where: dict[str, object] = {}
                kinds = both
            elif unit_code == "summa_enligt_resultatrakning":
                where, kinds = {}, ("ext",)
            elif unit_code == "eliminering_regioninterna_poster":
                if col == "intakter":
                    return "value", add((-1, pl(scen, kinds=("int",), operating=True,
                                                revenue=True)))
                return "value", add((-1, pl(scen, kinds=("int",), operating=True, revenue=False)))
            else:
                where, kinds = {"drift": unit}, both
            if col == "intakter":
                return "value", pl(scen, kinds=kinds, operating=True, revenue=True, **where)
            if col == "kostnader":
                return "value", pl(scen, kinds=kinds, operating=True, revenue=False, **where)
            if col == "avvikelse_nettokostnad":
                return "value", pl(scen, kinds=kinds, operating=True, **where)
        if budget:
            return None
        return self._actual_only(table, line, year)

    def _actual_only(self, table, line, year):
        scen = ("A", year)
        if table == "balansrakning":
            layout = report_lines()[(table, line)]
            # A line is the sum of the lines under it, as the mart sums them.
            return "value", add(*[(1, self.bs_leaf(year, leaf))
                                  for leaf in leaf_codes(table, layout.code)])
        if table == "kassaflode":
            code = report_lines()[(table, line)].code
            if code in CF_LINES:
                return "value", self.cash_flow(year, code)
            if code == "arets_kassaflode":
                return "value", self.cash_flow(year)
            if code == "likvida_medel_ingaende":
                return "value", self.closing(year - 1, "1910") if year > YEARS[0] else None
            if code == "likvida_medel_utgaende":
                return "value", self.closing(year, "1910")
        if table == "balanskrav":
            code = report_lines()[(table, line)].code
            if code == "arets_resultat_enligt_rr":
                return "value", self.result(year)
            if code in {"avgar_realisationsvinster", "orealiserade_vardepapper"}:
                return "value", add((-1, self.pl(scen, balanskrav_line_code=code)))
            if code == "aterforing_vid_realisering":
                return "value", self.m.ref(("memo", year, "0940"))
            if code == "resultat_efter_justeringar":
                return "value", self.after_adjustments(year)
            if code == "reservering_rur":
                return "value", add((-1, self.m.ref(("rur_in", year))))
            if code == "anvandning_rur":
                return "value", self.m.ref(("rur_out", year))
            if code == "balanskravsresultat":
                return "value", add((1, self.after_adjustments(year)), (-1, self.rur_net(year)))
        if table == "resultatutjamningsreserv":
            code = line_code(table, line)
            if code == "en_procent_av_skatter":
                return "value", add((0.01, self.taxes_and_grants(scen)))
            if code == "ingaende_reserv":
                return "value", self.closing(year - 1, "2012") if year > YEARS[0] else None
            if code == "utgaende_reserv":
                return "value", self.closing(year, "2012")
        if table == "oversikt":
            return self._oversikt(line, year)
        if table in {"kop_av_verksamhet", "kopt_utomlansvard_per_sjukhus", "sjukresor"}:
            return self._purchases(table, line, year)
        if table == "finansiella_nyckeltal":
            return self._ratio(line, year)
        if table == "personalkostnader" and year in HIRED_YEARS:
            if line_code(table, line) == "summa":
                return "value", add(*[(-1, self.pl(scen, personalkostnad_line_code=r)) for r in (
                    "egen_personal", "inhyrd_personal", "avvecklingsreserv", "pensioner")])
            code = line_code(table, line)
            return "value", add((-1, self.pl(scen, personalkostnad_line_code=code)))
        if table in {"inhyrd_personal_per_vardomrade", "inhyrd_personal_per_yrke"}:
            return self._hired(table, line, year)
        if table == PER_INHABITANT:
            code = line_code(table, line)
            areas = health_care_excluding_dental() if code == HEALTH_CARE_SUM else (code,)
            return "value", self.per_inhabitant(year, areas)
        return None

    def _hired(self, table, line, year):
        if year not in HIRED_YEARS:
            return None
        if table == "inhyrd_personal_per_vardomrade":
            if line_code(table, line) == "summa":
                return "value", add(*[(1, self.hired_area(year, a)) for a in CARE_AREA_GROUPS])
            return "value", self.hired_area(year, line)
        prof, _, part = line.partition(" | ")

        def total(y: int) -> Expr:
            return add(*[(1, self.m.ref(("hire", y, prof, a))) for a in CARE_AREA_GROUPS])
        if line_code(table, part) == "totalt":
            return "value", total(year)
        if line_code(table, part.split(" ")[0]) == "forandring":
            return "growth", total(year), total(year - 1)
        return "value", self.m.ref(("hire", year, prof, CARE_AREA_SHORT[part]))

    def _purchases(self, table, line, year):
        if year not in INVOICE_YEARS:
            return None
        scen = ("A", year)
        vardval = add((-1, self.pl(scen, konto="6710")))
        other = add((-1, self.pl(scen, konto="6320")))
        if table == "sjukresor":
            return "value", add((-1, self.pl(scen, konto="6410")))
        if table == "kopt_utomlansvard_per_sjukhus":
            by_name = {r["leverantor_namn"]: r["leverantor_id"] for r in providers()}
            return "ratio", self.m.ref(("prov", year, by_name[line])), self.out_of_county(year)
        group, _, part = line.partition(" | ")
        summa = line_code(table, part) == "summa"
        if group == "Köpt utomlänsvård":
            if summa:
                return "value", self.out_of_county(year)
            return "value", self.m.ref(("cat", year, part))
        if group == "Köp av övriga tjänster":
            if summa:
                return "value", add((1, vardval), (1, other))
            return "value", {"Vårdval": vardval, "Övriga tjänster": other}[part]
        if line_code(table, line) == "totalt":
            return "value", add((1, self.out_of_county(year)), (1, vardval), (1, other))
        return None

    def _oversikt(self, line, year):
        scen = ("A", year)
        code = line_code("oversikt", line)
        if code == "verksamhetens_nettokostnad":
            return "value", self.net_cost(scen)
        if code == "skatt_statsbidrag_och_utjamning":
            return "value", self.taxes_and_grants(scen)
        if code == "verksamhetens_resultat":
            return "value", add((1, self.net_cost(scen)), (1, self.taxes_and_grants(scen)))
        if code == "finansnetto":
            return "value", add((1, self.pl(scen, kind="finansiell_intakt")),
                                (1, self.pl(scen, kind="finansiell_kostnad")))
        if code == "resultat":
            return "value", self.result(year)
        if code == "balanskravsresultat":
            return "value", self.after_adjustments(year)
        if code == "nettoinvesteringar":
            return "value", self.net_investments(year)
        if code == "laneskuld":
            return "value", self.bs_line(year, "langfristiga_skulder")
        if code == "kassaflode_lopande":
            return "value", self.cash_flow(year, CF_LINES[0])
        if code == "pensionsfond_marknadsvarde":
            return "value", self.m.ref(("memo", year, "0930"))
        if line_code("finansiella_nyckeltal", line) in SOLIDITY:
            return self._ratio(line, year)
        return None

    def _ratio(self, line, year):
        scen, prev = ("A", year), ("A", year - 1)
        code = line_code("finansiella_nyckeltal", line)
        if year - 1 < YEARS[0] and "förändring" in line.lower():
            return None
        if code == "verksamhetens_nettokostnadsforandring":
            return "growth", add((-1, self.net_cost(scen))), add((-1, self.net_cost(prev)))
        if code == "forandring_skatt_statsbidrag":
            return "growth", self.taxes_and_grants(scen), self.taxes_and_grants(prev)
        if code == "forandring_skatteintakter":
            return "growth", self.pl(scen, kind="skatteintakt"), self.pl(prev, kind="skatteintakt")
        if code == "forandring_statsbidrag":
            return ("growth", self.pl(scen, kind="generellt_statsbidrag"),
                    self.pl(prev, kind="generellt_statsbidrag"))
        if code == "verksamhetens_resultat_av_skatter":
            return ("ratio", add((1, self.net_cost(scen)), (1, self.taxes_and_grants(scen))),
                    self.taxes_and_grants(scen))
        if code in SOLIDITY:
            num = self.equity_total(year)
            if code == "soliditet_fullfondering":
                num = add((1, num), (-1, self.m.ref(("memo", year, "0910"))))
            return "ratio", num, self.total_assets(year)
        if code == "likvida_medel_av_nettokostnader":
            return "ratio", self.closing(year, "1910"), add((-1, self.net_cost(scen)))
        if code == "balanskravsresultat_av_skatter":
            return "ratio", self.after_adjustments(year), self.taxes_and_grants(scen)
        if code == "sjalvfinansiering_investeringar":
            own = add((1, self.result(year)), (-1, self.pl(scen, kind="avskrivning")))
            return "capped", own, self.net_investments(year)
        return None

    # ---------------------------------------------------------------- constraints
    def constrain(self) -> list[tuple[str, str, str]]:
        built = []
        conflicts = known_conflicts()
        for key, text in published_values().items():
            if key in conflicts:
                continue
            fig = self.figure(*key)
            if fig is None:
                continue
            if not any(fig[1].values()) or (fig[0] != "value" and not any(fig[2].values())):
                # A figure no simulated amount makes up holds only if it is printed as 0: that
                # is a mapping gone wrong (a renamed line, a missing account), not a fit.
                raise ValueError(f"published figure {' | '.join(key)} maps to no simulated amount")
            built.append(key)
            p = float(text)
            h = rounding_half_width(text)
            kind = fig[0]
            if kind == "value":
                # Rounding half away from zero: the half towards zero rounds to p.
                margin = h * 1e-3
                lo = p - h + (margin if p > 0 else 2 * margin)
                hi = p + h - (margin if p < 0 else 2 * margin)
                self.m.between(fig[1], lo, hi, key)
            elif kind in {"ratio", "growth", "capped"}:
                num, den = fig[1], fig[2]
                base = 100.0
                offset = 1.0 if kind == "growth" else 0.0
                # lo <= base*(num/den - offset) <= hi with den > 0
                h *= 0.99
                lo, hi = (p - h) / base + offset, (p + h) / base + offset
                if kind == "capped":  # min(100, own/investments): 100 means own >= investments
                    hi = np.inf
                self.m.between(add((1, num), (-lo, den)), 0, np.inf, (*key, "lo"))
                if np.isfinite(hi):
                    self.m.between(add((1, num), (-hi, den)), -np.inf, 0, (*key, "hi"))
        self._plausible_unpublished_areas()
        # 2018 is simulated only as the comparison year of 2019's growth ratios; nothing of it is
        # published, so keep it plausible: a modest surplus and taxes a little below 2019's.
        first = YEARS[0]
        self.m.between(self.result(first), 100, 600, "plausible result of the first year")
        self.m.between(add((1, self.taxes_and_grants(("A", first))),
                           (-0.97, self.taxes_and_grants(("A", first + 1)))), -50, 50,
                       "plausible taxes of the first year")
        return built

    def _plausible_unpublished_areas(self, band: float = 0.06) -> None:
        """A year whose net cost per inhabitant by area is not printed (the report year: Kolada
        had not published it) follows the year before: each area within a band around the
        year before grown as the region's net cost grew."""
        printed = {int(period) for (table, _, period) in published_values()
                   if table == PER_INHABITANT}
        net_cost = label_of("oversikt", "verksamhetens_nettokostnad")
        for y in YEARS:
            if y in printed or y - 1 not in printed:
                continue
            growth = (self.pub[("oversikt", net_cost, str(y))]
                      / self.pub[("oversikt", net_cost, str(y - 1))])
            for a in shared_services_key():
                now, before = self.per_inhabitant(y, (a,)), self.per_inhabitant(y - 1, (a,))
                label = ("plausible net cost per inhabitant", y, a)
                self.m.between(add((1, now), (-growth * (1 + band), before)), -np.inf, 0,
                               (*label, "hi"))
                self.m.between(add((1, now), (-growth * (1 - band), before)), 0, np.inf,
                               (*label, "lo"))

    def result_object(self, x: np.ndarray, violated) -> Calibration:
        pl, opening, movement, rur, memo, cat, prov, hire = {}, {}, {}, {}, {}, {}, {}, {}
        activity = {}
        for key, i in self.m.index.items():
            v = float(x[i])
            if key[0] == "ob":
                opening[key[1]] = v
            elif key[0] == "mv":
                movement[(key[1], key[2])] = v
            elif key[0] in {"rur_in", "rur_out"}:
                rur[(key[0][4:], key[1])] = v
            elif key[0] == "memo":
                memo[(key[1], key[2])] = v
            elif key[0] == "cat":
                cat[(key[1], key[2])] = v
            elif key[0] == "prov":
                prov[(key[1], key[2])] = v
            elif key[0] == "hire":
                hire[(key[1], key[2], key[3])] = v
            elif key[0] == "act":
                activity[(key[1], key[2], key[3], key[4])] = v
            else:
                pl[key] = v
        return Calibration(pl, opening, movement, rur, memo, violated, cat, prov, hire,
                           activity)


def calibrate() -> Calibration:
    b = Builder()
    b.constrain()
    x, violated = b.m.solve()
    return b.result_object(x, violated)
