"""The calibration's unknowns: amounts per scenario, account, unit group and counterparty kind,
balances, purchases, hired staff and activity splits, with their plausible bounds."""

from __future__ import annotations

import numpy as np

from norrlager.reference import (
    Account,
    accounts,
    cost_centres,
    label_of,
    published_numbers,
    report_lines,
)
from norrlager.simulate.calibrate.scope import (
    ACCOUNT_ACTIVITIES,
    ACCOUNT_UNITS,
    BUDGETS,
    CARE_AREA_GROUPS,
    FINANCE_GROUP,
    HIRED_YEARS,
    HOSPITAL_PROVIDERS,
    INTERNAL_COST,
    INTERNAL_REVENUE,
    INVOICE_YEARS,
    MEMO_BALANCES,
    MEMO_FLOWS,
    OUT_OF_COUNTY,
    OUT_OF_COUNTY_CATEGORIES,
    PAYROLL_BOOKED,
    PROFESSIONS,
    REPORT_YEAR,
    UNSTAFFED,
    YEARS,
    Scenario,
)
from norrlager.simulate.lp import LinearModel, add


class Variables:
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
