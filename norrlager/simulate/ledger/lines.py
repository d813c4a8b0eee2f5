"""The simulated general ledger (ekonomisystem): verifications, budget and opening balances.

Every verification balances. Each operating posting has its counter-posting on the balance
account a real interface would use (supplier invoices on accounts payable, payroll on staff
taxes, depreciation on accumulated depreciation, ...); monthly payment runs settle the balance
accounts against the bank, so cash is what is left, as in a real ledger. Trade between the
region's own units is booked on both sides in one verification, each side naming the other unit
as counterparty (motpart), which is what the marts eliminate on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from norrlager.ingest.contracts import LEDGER_LINES
from norrlager.simulate.calendar import month_of
from norrlager.simulate.calibrate.scope import (
    DETAIL_YEARS,
    HIRED_STAFF,
    HIRED_YEARS,
    INVOICE_YEARS,
    MEMO_BALANCES,
    MEMO_FLOWS,
    YEARS,
)
from norrlager.simulate.hr.extract import HRData, simulate_hr
from norrlager.simulate.invoices.lines import INVOICED_ACCOUNTS, InvoiceSimulator
from norrlager.simulate.ledger.chart import (
    LINE_COLUMNS,
)
from norrlager.simulate.ledger.postings import Postings


@dataclass
class Ledger:
    lines: pd.DataFrame  # LINE_COLUMNS, belopp in öre, debit positive
    budget: pd.DataFrame
    opening: pd.DataFrame
    invoices: pd.DataFrame  # the invoice system's lines the ledger's supplier invoices come from
    hr: HRData | None = None  # the HR/payroll system the payroll journal comes from



class LedgerSimulator(Postings):
    """The whole ledger of the simulated years: postings, year-end transfers, corrections,
    budget and opening balances."""

    def year_end(self) -> pd.DataFrame:
        """Transfers to and from the result-equalisation reserve and the memorandum items
        (pension commitments, the pension fund's market value), booked on 31 December."""
        rows = []
        for (direction, y), v in self.cal.rur_transfer.items():
            amount = self.ore(v)
            if amount:
                debit, credit = ("2010", "2012") if direction == "in" else ("2012", "2010")
                text = ("Reservering till" if direction == "in" else "Disponering av") + \
                    " resultatutjämningsreserv"
                rows.append((y, debit, credit, amount, "BO", text))
        for k in MEMO_BALANCES:
            prev = 0.0
            for y in YEARS:
                v = self.cal.memo[(y, k)]
                if self.ore(v - prev):
                    rows.append((y, k, "0999", self.ore(v - prev), "PM",
                                 "Poster inom linjen: " + self.acc[k].name))
                prev = v
        for k in MEMO_FLOWS:
            for y in YEARS:
                if self.ore(self.cal.memo[(y, k)]):
                    rows.append((y, k, "0999", self.ore(self.cal.memo[(y, k)]), "PM",
                                 "Poster inom linjen: " + self.acc[k].name))
        t = pd.DataFrame(rows, columns=["year", "konto", "other", "ore", "series", "text"])
        t = t.assign(month=12, ansvar=self.finance_cc, verksamhet="400", motpart="EXT-OVR")
        out = self._pair(t, other_konto=t.other, other_ansvar=self.finance_cc,
                         other_motpart="EXT-OVR")
        out["day"] = 31
        return out

    def corrections(self, lines: pd.DataFrame, count: int = 40) -> pd.DataFrame:
        """Later corrections of earlier months: a posting moved to the right cost centre."""
        # Postings of the invoice system are left alone: they tie to the invoices.
        invoiced = (lines.konto.isin(INVOICED_ACCOUNTS) & lines.year.isin(INVOICE_YEARS)) | (
            (lines.konto == HIRED_STAFF) & lines.year.isin(HIRED_YEARS))
        pool = lines[(lines.rad == 1) & lines.year.isin(DETAIL_YEARS) & (lines.month <= 10)
                     & lines.series.isin(["LF", "KF"]) & ~invoiced]
        pick = pool.sample(n=min(count, len(pool)), random_state=7)
        rows = []
        by_group = self.cc.groupby("group").ansvar.apply(list).to_dict()
        group_of = self.cc.set_index("ansvar").group
        activity_of = self.cc.set_index("ansvar").verksamhet
        for r in pick.itertuples():
            # Moved within the unit's group and activity: the net cost per area stays as booked.
            others = [c for c in by_group[group_of[r.ansvar]]
                      if c != r.ansvar and activity_of[c] == activity_of[r.ansvar]]
            if not others:
                continue
            target = others[int(self.rng.integers(len(others)))]
            month = int(r.month + self.rng.integers(1, 3))
            text = f"Rättelse {r.series}{r.year}-{r.pair}: fel ansvar, omfört till {target}"
            rows.append((r.year, month, r.konto, r.ansvar, target, r.motpart, r.ore, text))
        t = pd.DataFrame(rows, columns=["year", "month", "konto", "ansvar", "target", "motpart",
                                        "ore", "text"])
        t = t.assign(ore=-t.ore, series="RÄ", verksamhet=t.ansvar.map(
            self.cc.set_index("ansvar").verksamhet))
        return self._pair(t, other_konto=t.konto, other_ansvar=t.target, other_motpart=t.motpart)

    # ------------------------------------------------------------------ assembly
    def ledger(self) -> Ledger:
        invoices = InvoiceSimulator(self).lines()
        hr = simulate_hr(self.cal, self.ore, self.scale, self.seed)
        parts = [self.external_postings(), self.invoice_postings(invoices),
                 self.invoice_postings(hr.staffing), self.payroll_postings(hr.payroll),
                 self.internal_postings()]
        posted = pd.concat(parts, ignore_index=True)
        posted = pd.concat([posted, self.corrections(posted)], ignore_index=True)
        posted = pd.concat([posted, self.settlements(posted), self.year_end()],
                           ignore_index=True)
        posted = split_large_lines(posted, LEDGER_LINES.amount_ceiling * 100)
        return Ledger(self._number(posted), self.budget(), self.opening(), invoices, hr)

    def _number(self, t: pd.DataFrame) -> pd.DataFrame:
        """Verification numbers in date order per year and series, as the ledger assigns them."""
        t["pair_key"] = t.groupby(["series", "year", "month", "pair"], sort=False).ngroup()
        keys = t.drop_duplicates("pair_key")[["pair_key", "year", "month", "series", "day"]
                                             if "day" in t else ["pair_key", "year", "month",
                                                                 "series"]].copy()
        dates = pd.Series(self._dates(keys.year.to_numpy(), keys.month.to_numpy()))
        if "day" in keys:
            fixed = keys.day.notna().to_numpy()
            dates[fixed] = pd.to_datetime(dict(year=keys.year[fixed], month=12, day=31)).values
        keys["bokforingsdatum"] = dates.to_numpy()
        keys = keys.sort_values(["bokforingsdatum", "pair_key"])
        keys["seq"] = keys.groupby(["year", "series"]).cumcount() + 1
        keys["verifikation"] = (keys.series + keys.year.astype(str) + "-"
                                + keys.seq.astype(str).str.zfill(7))
        t = t.merge(keys[["pair_key", "bokforingsdatum", "verifikation"]], on="pair_key")
        t["period"] = month_of(t.bokforingsdatum)
        t = t.sort_values(["bokforingsdatum", "verifikation", "rad"]).reset_index(drop=True)
        return t.rename(columns={"ore": "belopp"})[LINE_COLUMNS]

    def budget(self) -> pd.DataFrame:
        rows = [(y, konto, group, cp, -self.ore(v))
                for ((kind, y), konto, group, cp), v in self.cal.pl.items()
                if kind == "B" and self.ore(v) != 0]
        cells = pd.DataFrame(rows, columns=["year", "konto", "group", "cp", "ore"])
        cells = self.to_months(self.to_cost_centres(cells), planned=True)
        cells["motpart"] = np.where(cells.cp == "int", "INT-" + cells.group.str.split("_").str[0],
                                    "EXT-OVR")
        cells["period"] = cells.year.astype(str) + "-" + cells.month.astype(str).str.zfill(2)
        return cells.rename(columns={"year": "ar", "ore": "belopp"})[
            ["ar", "period", "konto", "ansvar", "verksamhet", "motpart", "belopp"]]

    def opening(self) -> pd.DataFrame:
        rows = []
        for konto, v in self.cal.opening.items():
            a = self.acc[konto]
            rows.append((konto, self.ore(v) * (1 if a.is_asset else -1)))
        t = pd.DataFrame(rows, columns=["konto", "belopp"])
        t.loc[t.konto == "2010", "belopp"] -= t.belopp.sum()  # öre rounding: keep it balanced
        return t.assign(datum=f"{YEARS[0]}-01-01", ansvar=self.finance_cc)[
            ["datum", "konto", "ansvar", "belopp"]]




def split_large_lines(lines: pd.DataFrame, ceiling_ore: int) -> pd.DataFrame:
    """Each line above the extract's per-line ceiling (contracts.LEDGER_LINES) as several lines
    of its verification, in öre adding up to it exactly. A larger region books its memorandum
    items and year-end balances per unit, not as one line several times the ceiling: without
    this a scaled region's ledger delivery would be rightly rejected (scale 4 made a 17 bn SEK
    line). Lines within the ceiling, so the whole demo at scale 1, are left as they are."""
    parts = -(-lines.ore.abs() // ceiling_ore)
    if (parts <= 1).all():
        return lines
    # A line's new first rad: 1 + the parts of the lines before it in its verification.
    key = ["series", "year", "month", "pair"]
    ordered = lines[[*key, "rad"]].assign(n=parts).sort_values([*key, "rad"], kind="stable")
    first_rad = (ordered.groupby(key, sort=False).n.cumsum() - ordered.n + 1).reindex(lines.index)
    counts = parts.to_numpy()
    out = lines.loc[lines.index.repeat(counts)]
    part = out.groupby(level=0).cumcount().to_numpy()
    out = out.reset_index(drop=True)
    n, size = np.repeat(counts, counts), out.ore.abs().to_numpy()
    # The first size % n parts carry one öre more than the rest.
    out["ore"] = np.sign(out.ore.to_numpy()) * (size // n + (part < size % n))
    out["rad"] = np.repeat(first_rad.to_numpy(), counts) + part
    return out
