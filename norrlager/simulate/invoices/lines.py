"""The simulated invoice system (fakturasystem) for purchased care, vårdval, patient transport
and other purchased services, 2022–2023.

Invoices are the source: the ledger books one supplier-invoice verification per invoice, on the
invoice's account and cost centre, so invoices and ledger tie by construction. Hospital care is
invoiced per patient episode (DRG code, weight and the provider's price per DRG point, with
separately priced items such as drugs and implants); vårdval as monthly capitation and
performance payments per private health centre; patient transport per trip.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from norrlager.reference import providers
from norrlager.simulate.calibrate.scope import (
    HOSPITAL_PROVIDERS,
    INVOICE_YEARS,
    OUT_OF_COUNTY,
    OUT_OF_COUNTY_CATEGORIES,
)

# The ledger's spreading (ledger/spread.py), not the ledger: the ledger books the invoices, so
# it imports this module and never the other way round.
from norrlager.simulate.ledger.spread import Spreading
from norrlager.simulate.persons import PersonRegister
from norrlager.simulate.split import split_by_weights, split_exact

INVOICE_COLUMNS = ["fakturanummer", "fakturarad", "fakturadatum", "period", "leverantor",
                   "kategori", "konto", "ansvar", "personnummer", "episod", "drg", "drg_vikt",
                   "belopp", "text"]
# Invoiced accounts other than out-of-county care: category, suppliers, SEK per line.
OTHER_INVOICED = {
    "6710": ("Vårdval", ("HC-KRONAN", "HC-HERTSON", "HC-PITE", "HC-KIRUNA", "HC-BODEN"), None),
    "6410": ("Sjukresor och sjuktransporter", ("TAXI-NB", "AMB-FLYG", "SJTR-NB"), 6_000),
    "6320": ("Övriga tjänster", ("LEV-IT", "LEV-SERV", "LEV-KONS"), 60_000),
}
INVOICED_ACCOUNTS = (OUT_OF_COUNTY, *OTHER_INVOICED)
EPISODE_SEK = {"Riks- och regionsjukvård": 110_000, "Patientens fria val": 45_000,
               "Vårdgaranti": 50_000}
DRG_CODES = ("F62C", "I04B", "C16A", "E62B", "G07N", "B76D", "H08B", "O60C", "P67D", "U66N")


class InvoiceSimulator:
    def __init__(self, ledger: Spreading) -> None:
        self.ledger = ledger
        self.rng = np.random.default_rng(ledger.seed + 101)
        self.provider = {r["leverantor_id"]: r for r in providers()}
        self.patients = PersonRegister(self.rng, size=int(60_000 * max(ledger.scale, 0.05)))

    def cells(self) -> pd.DataFrame:
        """The calibrated invoiced amounts per cost centre and month (debit sign, öre)."""
        cal, ore = self.ledger.cal, self.ledger.ore
        rows = [(y, konto, group, -ore(v)) for ((kind, y), konto, group, cp), v in cal.pl.items()
                if kind == "A" and y in INVOICE_YEARS and cp == "ext"
                and konto in INVOICED_ACCOUNTS and ore(v) != 0]
        cells = pd.DataFrame(rows, columns=["year", "konto", "group", "ore"])
        cells = self.ledger.by_activity(cells)
        return self.ledger.to_months(self.ledger.to_cost_centres(cells))

    def _out_of_county(self, cells: pd.DataFrame) -> pd.DataFrame:
        cal, frames = self.ledger.cal, []
        for y, part in cells.groupby("year"):
            cats = np.array([cal.category[(y, c)] for c in OUT_OF_COUNTY_CATEGORIES])
            provs = np.array([cal.provider[(y, p)] for p in HOSPITAL_PROVIDERS])
            joint = np.outer(cats, provs) / max(cats.sum(), 1e-9)
            keys = [(c, p) for c in OUT_OF_COUNTY_CATEGORIES for p in HOSPITAL_PROVIDERS]
            amounts = split_by_weights(part.ore.to_numpy(),
                                       np.tile(joint.ravel() + 1e-12, (len(part), 1)))
            for j, (c, p) in enumerate(keys):
                frames.append(part.assign(kategori=c, leverantor=p, ore=amounts[:, j]))
        split = pd.concat(frames, ignore_index=True)
        split = split[split.ore > 0].reset_index(drop=True)
        # An episode costs what it costs in any region: a larger one has more of them.
        size = split.kategori.map(EPISODE_SEK).to_numpy()
        n = np.clip(np.round(split.ore.to_numpy() / 100 / np.maximum(size, 1)), 1, None)
        parent, parts = split_exact(split.ore.to_numpy(), n.astype(np.int64), self.rng, 1.5)
        ep = split.iloc[parent].reset_index(drop=True).assign(ore=parts)
        ep["episod"] = [f"E{y}{i:07d}" for i, y in enumerate(ep.year)]
        ep["personnummer"] = self.patients.draw(len(ep))
        ep["drg"] = self.rng.choice(DRG_CODES, len(ep))
        # A sixth of hospital episodes carry separately priced items (drugs, implants).
        items = (self.rng.random(len(ep)) < 0.17) & (ep.ore.to_numpy() > 1000)
        item_ore = np.where(items, (ep.ore.to_numpy() * self.rng.uniform(0.05, 0.3, len(ep)))
                            .astype(np.int64), 0)
        drg_part = ep.assign(ore=ep.ore - item_ore, text="DRG-ersättning")
        price = drg_part.leverantor.map(lambda p: float(self.provider[p]["poangpris_sek"]))
        drg_part["drg_vikt"] = np.round(drg_part.ore / 100 / price, 4)
        item_part = ep[items].assign(ore=item_ore[items], drg_vikt=np.nan,
                                     text=np.where(self.rng.random(int(items.sum())) < 0.6,
                                                   "Särskilt prissatt: läkemedel",
                                                   "Särskilt prissatt: implantat"))
        return pd.concat([drg_part, item_part], ignore_index=True)

    def _other(self, cells: pd.DataFrame) -> pd.DataFrame:
        frames = []
        for konto, (category, suppliers, _size) in OTHER_INVOICED.items():
            part = cells[cells.konto == konto].reset_index(drop=True)
            if part.empty:
                continue
            weights = self.rng.gamma(4.0, 1.0, len(suppliers))
            amounts = split_by_weights(part.ore.to_numpy(), np.tile(weights, (len(part), 1)))
            for j, supplier in enumerate(suppliers):
                frames.append(part.assign(kategori=category, leverantor=supplier,
                                          ore=amounts[:, j]))
        lines = pd.concat(frames, ignore_index=True)
        lines = lines[lines.ore > 0].reset_index(drop=True)
        vardval = lines[lines.kategori == "Vårdval"]
        # Vårdval: a monthly capitation (about 85 %) and a performance payment per centre.
        capitation = split_by_weights(vardval.ore.to_numpy(),
                                      np.tile([0.85, 0.15], (len(vardval), 1)))
        vv = pd.concat([
            vardval.assign(ore=capitation[:, 0], text="Vårdval: kapitering"),
            vardval.assign(ore=capitation[:, 1], text="Vårdval: prestationsersättning")])
        rest = lines[lines.kategori != "Vårdval"].reset_index(drop=True)
        size = rest.konto.map({k: v[2] for k, v in OTHER_INVOICED.items()}).to_numpy(float)
        n = np.clip(np.round(rest.ore.to_numpy() / 100 / size), 1, None)
        parent, parts = split_exact(rest.ore.to_numpy(), n.astype(np.int64), self.rng)
        rest = rest.iloc[parent].reset_index(drop=True).assign(ore=parts)
        transport = (rest.kategori == "Sjukresor och sjuktransporter").to_numpy()
        rest["text"] = np.where(transport, "Resa", "Tjänst enligt avtal")
        rest["personnummer"] = None
        rest.loc[transport, "personnummer"] = self.patients.draw(int(transport.sum()))
        return pd.concat([vv, rest], ignore_index=True)

    def lines(self) -> pd.DataFrame:
        cells = self.cells()
        hospital = self._out_of_county(cells[cells.konto == OUT_OF_COUNTY])
        other = self._other(cells[cells.konto != OUT_OF_COUNTY])
        t = pd.concat([hospital, other], ignore_index=True)
        t = t[t.ore != 0].reset_index(drop=True)
        # One invoice per provider, cost centre, account and month.
        key = ["year", "month", "leverantor", "ansvar", "konto"]
        t = t.sort_values([*key, "kategori"], kind="stable").reset_index(drop=True)
        inv = t.groupby(key, sort=False).ngroup()
        t["fakturanummer"] = ("F" + t.year.astype(str) + t.month.astype(str).str.zfill(2) + "-"
                              + inv.astype(str).str.zfill(6))
        t["fakturarad"] = t.groupby("fakturanummer").cumcount() + 1
        t["period"] = t.year.astype(str) + "-" + t.month.astype(str).str.zfill(2)
        last_day = pd.to_datetime(t.period + "-01") + pd.offsets.MonthEnd(0)
        t["fakturadatum"] = last_day.dt.strftime("%Y-%m-%d")
        for col in ("episod", "drg", "personnummer"):
            t[col] = t[col].where(t[col].notna(), None) if col in t else None
        return t.rename(columns={"ore": "belopp"})[[*INVOICE_COLUMNS, "month", "year",
                                                    "verksamhet"]]
