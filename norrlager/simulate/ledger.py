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
from norrlager.reference import accounts, cost_centres, providers
from norrlager.simulate.activity_split import split_by_activity
from norrlager.simulate.calendar import month_of
from norrlager.simulate.calibrate import (
    DETAIL_YEARS,
    FINANCE_GROUP,
    HIRED_STAFF,
    HIRED_YEARS,
    INVOICE_YEARS,
    MEMO_BALANCES,
    MEMO_FLOWS,
    YEARS,
    Calibration,
)
from norrlager.simulate.hr import PAYROLL_ACCOUNTS, HRData, simulate_hr
from norrlager.simulate.hr_targets import PAYROLL_YEARS
from norrlager.simulate.invoices import INVOICED_ACCOUNTS, InvoiceSimulator
from norrlager.simulate.split import split_by_weights, split_exact

ORE_PER_MNKR = 100_000_000
LINE_COLUMNS = ["verifikation", "rad", "bokforingsdatum", "period", "konto", "ansvar",
                "verksamhet", "motpart", "belopp", "text"]

# The balance account a posting's interface books against, by account.
COUNTER_ACCOUNT = {
    "5010": "2710", "5110": "2710", "5510": "2910", "5410": "2210", "5810": "2290",
    "6810": "2290", "3711": "1110", "3712": "1210", "6910": "1210", "7810": "1019",
    "7820": "1119", "7830": "1219", "8230": "1819", "8240": "1819", "8330": "1819",
    "8320": "1810", "8340": "2210",
}
COUNTER_BY_KIND = {"verksamhetens_intakt": "1510", "verksamhetens_kostnad": "2410",
                   "skatteintakt": "1910", "generellt_statsbidrag": "1910",
                   "finansiell_intakt": "1910", "finansiell_kostnad": "1910"}
COUNTERPARTY = {
    "3110": "EXT-PAT", "3120": "EXT-PAT", "3130": "EXT-PAT", "3210": "EXT-KOM",
    "3220": "EXT-KOM", "3310": "EXT-REG", "3510": "EXT-STAT", "3520": "EXT-STAT",
    "5010": "EXT-OVR", "5110": "EXT-STAT", "5410": "EXT-OVR", "5510": "EXT-OVR",
    "6310": "EXT-REG", "6710": "EXT-PRIV", "7810": "EXT-OVR", "7820": "EXT-OVR",
    "7830": "EXT-OVR",
}
SERIES = {"verksamhetens_intakt": ("KF", "Kundfaktura"),
          "verksamhetens_kostnad": ("LF", "Leverantörsfaktura"),
          "avskrivning": ("AV", "Avskrivningar"), "skatteintakt": ("SK", "Skatteavräkning"),
          "generellt_statsbidrag": ("SK", "Utbetalning statsbidrag och utjämning"),
          "finansiell_intakt": ("FI", "Finansförvaltning"),
          "finansiell_kostnad": ("FI", "Finansförvaltning")}
PAYROLL = {"5010": "Lön", "5110": "Arbetsgivaravgifter", "5410": "Pensionskostnad",
           "5510": "Personalkostnad"}
# Typical size of one posting in SEK: sets the number of lines per month and cost centre.
LINE_SIZE_SEK = {"5010": 45_000, "5110": 120_000, "5410": 180_000, "6210": 18_000,
                 "6110": 12_000, "6410": 5_000, "3110": 3_000, "3130": 4_000}
DEFAULT_LINE_SIZE_SEK = 50_000
INTERNAL_LINE_SIZE_SEK = 300_000


@dataclass
class Ledger:
    lines: pd.DataFrame  # LINE_COLUMNS, belopp in öre, debit positive
    budget: pd.DataFrame
    opening: pd.DataFrame
    invoices: pd.DataFrame  # the invoice system's lines the ledger's supplier invoices come from
    hr: HRData | None = None  # the HR/payroll system the payroll journal comes from


class LedgerSimulator:
    def __init__(self, cal: Calibration, scale: float = 1.0, seed: int = 2023) -> None:
        self.cal = cal
        self.scale = scale
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        self.acc = accounts()
        self.cc = pd.DataFrame([c.__dict__ for c in cost_centres().values()])
        self.cc_weight = self.rng.gamma(3.0, 1.0, size=len(self.cc))
        self.main_group = {r.drift: r.group for r in self.cc.itertuples() if "_" not in r.group}
        self.finance_cc = self.cc.loc[self.cc.group == FINANCE_GROUP, "ansvar"].iloc[0]
        self._next_pair = 0

    def ore(self, mnkr: float) -> int:
        return round(mnkr * self.scale * ORE_PER_MNKR)

    # ------------------------------------------------------------------ helpers
    def _to_cost_centres(self, cells: pd.DataFrame) -> pd.DataFrame:
        """Split cells (group, ore) over the group's cost centres; cells already divided over
        activities (column verksamhet) over the group's cost centres of that activity."""
        keys = ["group", "verksamhet"] if "verksamhet" in cells else ["group"]
        out = []
        for key, part in cells.groupby(keys, sort=False):
            group = key[0]
            ccs = self.cc.index[(self.cc.group == group)
                                & ((self.cc.verksamhet == key[1]) if len(keys) == 2 else True)]
            amounts = split_by_weights(part.ore.to_numpy(), np.tile(self.cc_weight[ccs],
                                                                     (len(part), 1)))
            for j, idx in enumerate(ccs):
                piece = part.assign(ansvar=self.cc.ansvar[idx],
                                    verksamhet=self.cc.verksamhet[idx], ore=amounts[:, j])
                out.append(piece[piece.ore != 0])
        return pd.concat(out, ignore_index=True)

    def _to_months(self, cells: pd.DataFrame) -> pd.DataFrame:
        w = 1.0 + 0.12 * self.rng.standard_normal((len(cells), 12))
        w[:, 6] *= 0.8  # July: fewer invoices, holiday
        w = np.clip(w, 0.2, None)
        amounts = split_by_weights(cells.ore.to_numpy(), w)
        frames = [cells.assign(month=m + 1, ore=amounts[:, m]) for m in range(12)]
        out = pd.concat(frames, ignore_index=True)
        return out[out.ore != 0]

    def _dates(self, year: np.ndarray, month: np.ndarray) -> np.ndarray:
        days_in = pd.to_datetime(pd.DataFrame({"year": year, "month": month, "day": 1}))
        length = days_in.dt.days_in_month.to_numpy()
        day = 1 + np.floor(self.rng.random(len(year)) * length).astype(int)
        return (days_in + pd.to_timedelta(day - 1, unit="D")).to_numpy()

    def by_activity(self, cells: pd.DataFrame) -> pd.DataFrame:
        """Give cells (year, konto, group, ore) their activity as calibrated (activity_split)."""
        return split_by_activity(cells, self.cal.activity, self.ore)

    # ------------------------------------------------------------------ postings
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
        cells = self._to_months(self._to_cost_centres(cells))
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

    def _random_cc(self, groups: pd.Series) -> np.ndarray:
        values = groups.to_numpy()
        out = np.empty(len(values), dtype=object)
        for g in np.unique(values):
            mask = values == g
            ccs = self.cc.ansvar[self.cc.group == g].to_numpy()
            out[mask] = self.rng.choice(ccs, int(mask.sum()))
        return out

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
        cells = self._to_months(self._to_cost_centres(cells))
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
