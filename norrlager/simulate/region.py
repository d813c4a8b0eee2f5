"""Simulate the demo region's source systems and deliver their extracts to the landing area."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from norrlager.contracts import INVOICE_LINES, LEDGER_BUDGET, LEDGER_LINES, LEDGER_OPENING
from norrlager.simulate.calibrate import YEARS, calibrate
from norrlager.simulate.extracts import write_extract, write_manifest
from norrlager.simulate.ledger import LedgerSimulator


def simulate_region(landing: Path, scale: float = 1.0, seed: int = 2023,
                    progress: Callable[[str], None] = print) -> dict[str, int]:
    """Simulate the ledger and write its deliveries; returns rows written per entity."""
    t0 = time.perf_counter()
    cal = calibrate()
    progress(f"calibrated the ledger to the annual report ({time.perf_counter() - t0:.1f} s)")
    if cal.violated:
        progress(f"warning: {len(cal.violated)} published figures could not be met: "
                 + "; ".join(str(k) for k, _ in cal.violated[:5]))
    ledger = LedgerSimulator(cal, scale=scale, seed=seed).ledger()
    progress(f"simulated {len(ledger.lines):,} ledger lines ({time.perf_counter() - t0:.1f} s)")
    con = duckdb.connect()
    counts = {"ledger_lines": 0, "ledger_budget": 0, "ledger_opening_balances": 0}
    root = landing / "ledger"
    lines = ledger.lines.sort_values("period", kind="stable")
    for period, month in lines.groupby("period", sort=True):
        folder = root / period
        entries = [write_extract(con, month, LEDGER_LINES,
                                 folder / f"ledger_lines_{period}.csv")]
        year = int(period[:4])
        if period.endswith("-01"):
            budget = ledger.budget[ledger.budget.ar == year]
            if len(budget):
                entries.append(write_extract(con, budget, LEDGER_BUDGET,
                                             folder / f"ledger_budget_{year}.csv"))
                counts["ledger_budget"] += len(budget)
            if year == YEARS[0]:
                entries.append(write_extract(con, ledger.opening, LEDGER_OPENING,
                                             folder / f"ledger_opening_balances_{year}.csv"))
                counts["ledger_opening_balances"] += len(ledger.opening)
        write_manifest(folder, "ledger", period, entries)
        counts["ledger_lines"] += len(month)
    progress(f"wrote {len(lines.period.unique())} monthly ledger deliveries to {root} "
             f"({time.perf_counter() - t0:.1f} s)")
    invoices = ledger.invoices
    for period, month in invoices.groupby("period", sort=True):
        folder = landing / "invoices" / period
        entry = write_extract(con, month, INVOICE_LINES, folder / f"invoice_lines_{period}.csv")
        write_manifest(folder, "invoices", period, [entry])
    counts["invoices_lines"] = len(invoices)
    progress(f"wrote {invoices.period.nunique()} monthly invoice deliveries "
             f"({time.perf_counter() - t0:.1f} s)")
    return counts
