"""Each published figure of the statements as an expression: a value, a ratio or a growth."""

from __future__ import annotations

from norrlager.reference import (
    health_care_excluding_dental,
    leaf_codes,
    line_code,
    report_lines,
)
from norrlager.simulate.calibrate.scope import (
    CF_LINES,
    HEALTH_CARE_SUM,
    HIRED_YEARS,
    PER_INHABITANT,
    YEARS,
    Scenario,
)
from norrlager.simulate.calibrate.statements import Statements
from norrlager.simulate.lp import add


class Figures(Statements):
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
