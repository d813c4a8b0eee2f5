"""The published figures outside the statements: hired staff, purchased care, the overview and
the key ratios."""

from __future__ import annotations

from norrlager.reference import (
    line_code,
    providers,
)
from norrlager.simulate.calibrate.figures import Figures
from norrlager.simulate.calibrate.scope import (
    CARE_AREA_GROUPS,
    CARE_AREA_SHORT,
    CF_LINES,
    HIRED_YEARS,
    INVOICE_YEARS,
    SOLIDITY,
    YEARS,
)
from norrlager.simulate.lp import Expr, add


class KeyFigures(Figures):
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
