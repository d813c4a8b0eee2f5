"""The report's statements as linear expressions of the unknowns, mirroring the marts of
models/marts/operating_accounts."""

from __future__ import annotations

from norrlager.reference import (
    shared_services_key,
)
from norrlager.simulate.calibrate.scope import (
    CARE_AREA_GROUPS,
    CF_LINES,
    HIRED_STAFF,
    OUT_OF_COUNTY,
    SHARED_SERVICES,
    YEARS,
    Scenario,
)
from norrlager.simulate.calibrate.variables import Variables
from norrlager.simulate.lp import Expr, add
from norrlager.simulate.statistik.extract import inhabitants


class Statements(Variables):
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
