"""The ledger's postings, each with its counter-posting in one verification: external items,
the invoice system's supplier invoices, the payroll journal, internal trade between units,
and the monthly payment runs that settle the balance accounts against the bank."""

from __future__ import annotations

import numpy as np
import pandas as pd

from norrlager.reference import providers
from norrlager.simulate.calibrate.scope import (
    DETAIL_YEARS,
    HIRED_STAFF,
    HIRED_YEARS,
    INVOICE_YEARS,
    YEARS,
)
from norrlager.simulate.hr.extract import PAYROLL_ACCOUNTS
from norrlager.simulate.invoices.lines import INVOICED_ACCOUNTS
from norrlager.simulate.ledger.chart import (
    COUNTER_ACCOUNT,
    COUNTER_BY_KIND,
    COUNTERPARTY,
    DEFAULT_LINE_SIZE_SEK,
    INTERNAL_LINE_SIZE_SEK,
    LINE_SIZE_SEK,
    PAYROLL,
    SERIES,
)
from norrlager.simulate.ledger.spread import Spreading
from norrlager.simulate.split import split_by_weights, split_exact
from norrlager.simulate.targets import PAYROLL_YEARS


class Postings(Spreading):
    def external_postings(self) -> pd.DataFrame:
        # Invoiced accounts of the invoice system's years are booked from the invoices.
        rows = [(y, konto, group, self.ore(v))
                for ((kind, y), konto, group, cp), v in self.cal.pl.items()
                if kind == "A" and cp == "ext" and self.ore(v) != 0
                and not (y in INVOICE_YEARS and konto in INVOICED_ACCOUNTS)
                and not (y in PAYROLL_YEARS and konto in PAYROLL_ACCOUNTS)
                and not (y in HIRED_YEARS and konto == HIRED_STAFF)]
        cells = pd.DataFrame(rows, columns=["year", "konto", "group", "ore"])
        cells["ore"] = -cells.ore  # report sign -> debit sign
        cells = self.by_activity(cells)
        cells = self.to_months(self.to_cost_centres(cells))
        size = cells.konto.map(LINE_SIZE_SEK).fillna(DEFAULT_LINE_SIZE_SEK).to_numpy()
        detail = cells.year.isin(DETAIL_YEARS).to_numpy()
        n = np.where(detail, np.clip(np.abs(cells.ore.to_numpy()) / 100 / size, 1, 4000), 1)
        parent, parts = split_exact(cells.ore.to_numpy(), np.round(n).astype(np.int64),
                                    self.rng)
        lines = cells.iloc[parent].reset_index(drop=True).assign(ore=parts)
        kind = lines.konto.map(lambda k: self.acc[k].kind)
        lines["motpart"] = lines.konto.map(COUNTERPARTY).fillna(
            kind.map({"verksamhetens_intakt": "EXT-OVR", "skatteintakt": "EXT-STAT",
                      "generellt_statsbidrag": "EXT-STAT"})).fillna("EXT-LEV")
        lines.loc[kind.str.startswith("finansiell").to_numpy(), "motpart"] = "EXT-FIN"
        lines["counter"] = lines.konto.map(COUNTER_ACCOUNT).fillna(kind.map(COUNTER_BY_KIND))
        series = kind.map(lambda k: SERIES[k][0])
        text = kind.map(lambda k: SERIES[k][1])
        payroll = lines.konto.map(PAYROLL)
        period = lines.year.astype(str) + "-" + lines.month.astype(str).str.zfill(2)
        lines["series"] = np.where(payroll.notna(), "LÖ", series)
        numbers = pd.Series(self.rng.integers(100_000, 999_999, len(lines))).astype(str)
        invoice = text + " " + numbers
        lines["text"] = np.where(payroll.notna(), payroll + " " + period,
                                 np.where(series.isin(["LF", "KF"]), invoice, text + " " + period))
        return self._pair(lines, other_konto=lines.counter, other_ansvar=lines.ansvar,
                          other_motpart=lines.motpart)

    def invoice_postings(self, invoices: pd.DataFrame) -> pd.DataFrame:
        """One supplier-invoice verification per invoice: its amount on the invoice's account
        and cost centre, against accounts payable."""
        kind = {r["leverantor_id"]: r["leverantorstyp"] for r in providers()}
        name = {r["leverantor_id"]: r["leverantor_namn"] for r in providers()}
        inv = invoices.groupby(["fakturanummer", "year", "month", "konto", "ansvar",
                                "verksamhet", "leverantor"], as_index=False).belopp.sum()
        inv = inv.rename(columns={"belopp": "ore"})
        inv["motpart"] = inv.leverantor.map(kind).map(
            {"universitetssjukhus": "EXT-REG", "privat vårdgivare": "EXT-PRIV",
             "privat hälsocentral": "EXT-PRIV"}).fillna("EXT-LEV")
        inv["series"] = "LF"
        inv["text"] = "Leverantörsfaktura " + inv.fakturanummer + " " + inv.leverantor.map(name)
        return self._pair(inv, other_konto="2410", other_ansvar=inv.ansvar,
                          other_motpart=inv.motpart)

    def payroll_postings(self, payroll: pd.DataFrame) -> pd.DataFrame:
        """The payroll journal: per cost centre, month and account, against staff taxes and
        accrued pension (the interface the payroll system books through)."""
        j = payroll.groupby(["year", "month", "period", "ansvar", "konto"], as_index=False
                            ).belopp.sum().rename(columns={"belopp": "ore"})
        j = j[j.ore != 0].reset_index(drop=True)
        j["verksamhet"] = j.ansvar.map(self.cc.set_index("ansvar").verksamhet)
        j["motpart"] = j.konto.map(COUNTERPARTY).fillna("EXT-OVR")
        j["series"] = "LÖ"
        j["text"] = "Lönejournal " + j.period + " " + j.konto.map(PAYROLL)
        return self._pair(j, other_konto=j.konto.map(COUNTER_ACCOUNT), other_ansvar=j.ansvar,
                          other_motpart=j.motpart)

    def internal_postings(self) -> pd.DataFrame:
        frames = []
        for y in YEARS:
            sellers = [(g, k, self.ore(v)) for ((s, yy), k, g, cp), v in self.cal.pl.items()
                       if s == "A" and yy == y and cp == "int" and self.ore(v) > 0]
            buyers = [(g, k, -self.ore(v)) for ((s, yy), k, g, cp), v in self.cal.pl.items()
                      if s == "A" and yy == y and cp == "int" and self.ore(v) < 0]
            pairs = _transport(sellers, buyers)
            if not pairs:
                continue
            frames.append(pd.DataFrame(pairs, columns=["sg", "sk", "bg", "bk", "ore"]).assign(
                year=y))
        trades = pd.concat(frames, ignore_index=True)
        w = np.clip(1 + 0.1 * self.rng.standard_normal((len(trades), 12)), 0.3, None)
        months = split_by_weights(trades.ore.to_numpy(), w)
        trades = pd.concat([trades.assign(month=m + 1, ore=months[:, m]) for m in range(12)],
                           ignore_index=True)
        trades = trades[trades.ore != 0]
        detail = trades.year.isin(DETAIL_YEARS).to_numpy()
        n = np.where(detail, np.clip(trades.ore.to_numpy() / 100 / INTERNAL_LINE_SIZE_SEK,
                                     1, 2000), 1)
        parent, parts = split_exact(trades.ore.to_numpy(), np.round(n).astype(np.int64),
                                    self.rng)
        t = trades.iloc[parent].reset_index(drop=True).assign(ore=parts)
        t["ansvar"] = self._random_cc(t.bg)
        t["other_ansvar"] = self._random_cc(t.sg)
        drift_of = {r.group: r.drift for r in self.cc.itertuples()}
        buyer = "INT-" + t.bg.map(drift_of).map(self.main_group)
        seller = "INT-" + t.sg.map(drift_of).map(self.main_group)
        t = t.assign(konto=t.bk, motpart=seller, series="IN",
                     text="Internfaktura " + t.sg.map(drift_of))
        t["verksamhet"] = t.ansvar.map(self.cc.set_index("ansvar").verksamhet)
        return self._pair(t, other_konto=t.sk, other_ansvar=t.other_ansvar,
                          other_motpart=buyer)


    def _pair(self, lines: pd.DataFrame, other_konto, other_ansvar,
              other_motpart) -> pd.DataFrame:
        """One verification per line: the line and its counter-posting."""
        first = pd.DataFrame({
            "year": lines.year.to_numpy(), "month": lines.month.to_numpy(),
            "series": lines.series.to_numpy(), "konto": lines.konto.to_numpy(),
            "ansvar": lines.ansvar.to_numpy(), "verksamhet": lines.verksamhet.to_numpy(),
            "motpart": lines.motpart.to_numpy(), "ore": lines.ore.to_numpy(),
            "text": lines.text.to_numpy()})
        # Verification keys are unique across every call: one verification per pair.
        first["pair"] = self._next_pair + np.arange(len(first))
        self._next_pair += len(first)
        second = first.copy()
        second["konto"] = np.asarray(other_konto)
        second["ansvar"] = np.asarray(other_ansvar)
        second["motpart"] = np.asarray(other_motpart)
        second["verksamhet"] = second.ansvar.map(self.cc.set_index("ansvar").verksamhet)
        second["ore"] = -first.ore
        first["rad"], second["rad"] = 1, 2
        return pd.concat([first, second], ignore_index=True)

    def settlements(self, posted: pd.DataFrame) -> pd.DataFrame:
        """Monthly payment runs: settle each balance account against the bank so that its
        movement over the year is the calibrated one."""
        moved = posted.groupby(["year", "konto"]).ore.sum()
        rows = []
        for (y, konto), mv in self.cal.movement.items():
            a = self.acc[konto]
            target = self.ore(mv) * (1 if a.is_asset else -1)
            rows.append((y, konto, target - int(moved.get((y, konto), 0))))
        cells = pd.DataFrame(rows, columns=["year", "konto", "ore"])
        cells = cells[cells.ore != 0].reset_index(drop=True)
        amounts = split_by_weights(cells.ore.to_numpy(), np.ones((len(cells), 12)))
        frames = [cells.assign(month=m + 1, ore=amounts[:, m]) for m in range(12)]
        pay = pd.concat(frames, ignore_index=True)
        pay = pay[pay.ore != 0].reset_index(drop=True)
        pay = pay.assign(ansvar=self.finance_cc, verksamhet="400", motpart="EXT-OVR",
                         series="BE", text="Betalningsomgång " + pay.konto)
        return self._pair(pay, other_konto="1910", other_ansvar=self.finance_cc,
                          other_motpart="EXT-OVR")



def _transport(sellers: list[tuple], buyers: list[tuple]) -> list[tuple]:
    """Pair internal sales with internal purchases of the same total (north-west corner)."""
    sellers = sorted(sellers, key=lambda s: -s[2])
    buyers = sorted(buyers, key=lambda b: -b[2])
    total_s, total_b = sum(s[2] for s in sellers), sum(b[2] for b in buyers)
    if buyers and total_s != total_b:  # öre rounding of the cells
        g, k, v = buyers[0]
        buyers[0] = (g, k, v + total_s - total_b)
    pairs, i, j = [], 0, 0
    rest_s = [s[2] for s in sellers]
    rest_b = [b[2] for b in buyers]
    while i < len(sellers) and j < len(buyers):
        x = min(rest_s[i], rest_b[j])
        if x > 0:
            pairs.append((sellers[i][0], sellers[i][1], buyers[j][0], buyers[j][1], x))
        rest_s[i] -= x
        rest_b[j] -= x
        if rest_s[i] == 0:
            i += 1
        if rest_b[j] == 0:
            j += 1
    return pairs
