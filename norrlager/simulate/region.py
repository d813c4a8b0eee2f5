"""Simulate the demo region's source systems and deliver their extracts to the landing area."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import duckdb
import numpy as np

from norrlager.ingest.contracts import (
    FORECAST_LINES,
    HR_ABSENCES,
    HR_EMPLOYMENTS,
    HR_PERSONS,
    INVOICE_LINES,
    LEDGER_BUDGET,
    LEDGER_LINES,
    LEDGER_OPENING,
    PAS_ACCESSIBILITY,
    PAS_ADMISSIONS,
    PAS_CONTACTS,
    PAS_OPERATIONS,
    PAS_PRESCRIPTIONS,
    PAS_WAITING_LIST,
    PAYROLL_LINES,
    STAFFING_LINES,
    STAT_BAROMETER,
    STAT_POPULATION,
    Entity,
)
from norrlager.ingest.writing import write_extract
from norrlager.simulate.calibrate import calibrate
from norrlager.simulate.calibrate.scope import YEARS
from norrlager.simulate.extracts import write_manifest
from norrlager.simulate.forecast.controllers import controllers_forecasts
from norrlager.simulate.ledger.lines import LedgerSimulator
from norrlager.simulate.pas.extract import simulate_care
from norrlager.simulate.replicas import (
    copy_suffixes,
    ledger_replication,
    patient_replicas,
    replica_query,
)


def simulate_region(landing: Path, scale: float = 1.0, seed: int = 2023,
                    progress: Callable[[str], None] = print,
                    on_core_free: Callable[[], None] | None = None) -> dict[str, int]:
    """Simulate every source system and write its deliveries; returns rows per entity.
    on_core_free is called when one of its two processes is done (from another thread, and
    again when the other is)."""
    t0 = time.perf_counter()
    # The patient administration system shares nothing with the ledger and HR but the seed:
    # it is simulated and written in a second process meanwhile (the machine has two cores).
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        care = pool.submit(deliver_care, landing, seed, scale)
        if on_core_free is not None:
            care.add_done_callback(lambda _done: on_core_free())
        counts = _deliver_ledger_and_hr(landing, scale, seed, progress, t0)
        if on_core_free is not None:  # the ledger's process may end first (seed, scale)
            on_core_free()
        care_counts, messages = care.result()
    for message in messages:
        progress(message)
    progress(f"wrote 24 monthly patient-administration deliveries "
             f"({time.perf_counter() - t0:.1f} s)")
    return counts | care_counts


def _deliver_ledger_and_hr(landing: Path, scale: float, seed: int,
                           progress: Callable[[str], None], t0: float) -> dict[str, int]:
    cal = calibrate()
    progress(f"calibrated the ledger to the annual report ({time.perf_counter() - t0:.1f} s)")
    if cal.violated:
        progress(f"warning: {len(cal.violated)} published figures could not be met: "
                 + "; ".join(str(k) for k, _ in cal.violated[:5]))
    simulated, copies = ledger_replication(scale)
    ledger = LedgerSimulator(cal, scale=simulated, seed=seed).ledger()
    progress(f"simulated {len(ledger.lines):,} ledger lines"
             + (f" (scale {simulated:g}, written {copies} times)" if copies > 1 else "")
             + f" ({time.perf_counter() - t0:.1f} s)")
    con = duckdb.connect()
    writer = _ReplicaWriter(con, copies, ledger.hr.persons.personnummer.to_numpy(), seed)
    counts = {"ledger_lines": 0, "ledger_budget": 0, "ledger_opening_balances": 0,
              INVOICE_LINES.table: 0, STAFFING_LINES.table: 0}
    root = landing / "ledger"
    lines = ledger.lines.sort_values("period", kind="stable")
    for period, month in lines.groupby("period", sort=True):
        folder = root / period
        entries = [writer.write(month, LEDGER_LINES, folder / f"ledger_lines_{period}.csv")]
        counts["ledger_lines"] += entries[-1]["rows"]
        year = int(period[:4])
        if period.endswith("-01"):
            budget = ledger.budget[ledger.budget.ar == year]
            if len(budget):
                entries.append(writer.write(budget, LEDGER_BUDGET,
                                            folder / f"ledger_budget_{year}.csv"))
                counts["ledger_budget"] += len(budget)
            if year == YEARS[0]:
                entries.append(writer.write(ledger.opening, LEDGER_OPENING,
                                            folder / f"ledger_opening_balances_{year}.csv"))
                counts["ledger_opening_balances"] += len(ledger.opening)
        write_manifest(folder, "ledger", period, entries)
    progress(f"wrote {len(lines.period.unique())} monthly ledger deliveries to {root} "
             f"({time.perf_counter() - t0:.1f} s)")
    invoices, staffing = ledger.invoices, _hundredths(ledger.hr.staffing, "timmar")
    periods = sorted(set(invoices.period) | set(staffing.period))
    for period in periods:
        folder = landing / "invoices" / period
        entries = []
        for frame, entity, name in ((invoices, INVOICE_LINES, "invoice_lines"),
                                    (staffing, STAFFING_LINES, "staffing_lines")):
            month = frame[frame.period == period]
            if len(month):
                entries.append(writer.write(month, entity, folder / f"{name}_{period}.csv"))
                counts[entity.table] += entries[-1]["rows"]
        write_manifest(folder, "invoices", period, entries)
    progress(f"wrote {len(periods)} monthly invoice deliveries ({time.perf_counter() - t0:.1f} s)")
    counts[FORECAST_LINES.table] = _deliver_forecasts(con, ledger.lines, seed, copies, landing)
    counts |= write_hr(con, ledger.hr, landing / "hr", writer.source)
    progress(f"wrote 60 monthly HR deliveries ({time.perf_counter() - t0:.1f} s)")
    return counts


def _deliver_forecasts(con: duckdb.DuckDBPyConnection, lines, seed: int, copies: int,
                       landing: Path) -> int:
    """The controllers' forecast deliveries (system forecast), one per month they forecast."""
    forecasts = controllers_forecasts(lines, seed, copies)
    for period, rows in forecasts.groupby("period"):
        folder = landing / "forecast" / period
        entry = write_extract(con, rows, FORECAST_LINES, folder / f"forecast_lines_{period}.csv")
        write_manifest(folder, "forecast", period, [entry])
    return len(forecasts)


# The record identifiers a replica of the ledger, the invoice system or HR suffixes, per entity
# (HR's replicas are other persons too: see simulate.replicas).
REPLICA_IDS = {LEDGER_LINES: ("verifikation",), INVOICE_LINES: ("fakturanummer",),
               STAFFING_LINES: ("fakturanummer",), HR_PERSONS: (),
               HR_EMPLOYMENTS: ("anstallning_id",), HR_ABSENCES: ("franvaro_id", "anstallning_id"),
               PAYROLL_LINES: ("lonerad", "anstallning_id")}


class _ReplicaWriter:
    """Writes the ledger's, the invoice system's and HR's extracts `copies` times over: each
    replica's records under identifiers of their own and HR's under persons of their own. The
    budget and opening balances, one row per cell, hold the replicas' sum instead."""

    def __init__(self, con: duckdb.DuckDBPyConnection, copies: int, staff: np.ndarray,
                 seed: int) -> None:
        self.con, self.copies = con, copies
        if copies > 1:
            con.register("frame", copy_suffixes(copies))
            con.execute("create table copies as select * from frame")
            con.register("frame", patient_replicas(staff, copies, seed + 1))
            con.execute("create table staff_replicas as select * from frame")
            con.unregister("frame")

    def source(self, entity: Entity) -> str:
        if self.copies == 1:
            return "select * from extract_frame"
        if entity.system == "hr":  # the invoices' identity numbers are patients, left as they are
            return replica_query(REPLICA_IDS[entity], "staff_replicas", entity.identifiers[0])
        return replica_query(REPLICA_IDS[entity], "copies")

    def write(self, frame, entity: Entity, path: Path) -> dict:
        if entity in (LEDGER_BUDGET, LEDGER_OPENING):
            return write_extract(self.con, frame.assign(belopp=frame.belopp * self.copies),
                                 entity, path)
        return write_extract(self.con, frame, entity, path, self.source(entity))


def deliver_care(landing: Path, seed: int, scale: float = 1.0) -> tuple[dict[str, int], list[str]]:
    """Simulate the patient administration system and the yearly statistics and write their
    deliveries; returns rows per entity and the progress messages (run in another process)."""
    messages: list[str] = []
    care = simulate_care(seed, messages.append)
    if care.violations:
        messages.append(f"warning: waiting-list shares not met at {care.violations[:3]}")
    con = duckdb.connect()
    pas = ((care.contacts, PAS_CONTACTS), (care.admissions, PAS_ADMISSIONS),
           (care.operations, PAS_OPERATIONS), (care.accessibility, PAS_ACCESSIBILITY),
           (care.waiting_list, PAS_WAITING_LIST), (care.prescriptions, PAS_PRESCRIPTIONS))
    population = care.population
    source = None
    if scale != 1.0:
        patients = np.concatenate([frame.personnummer.to_numpy() for frame, _ in pas])
        con.register("replica_frame", patient_replicas(patients, scale, seed))
        con.execute("create table replicas as select * from replica_frame")
        con.unregister("replica_frame")
        source = _replicated
        population = population.assign(antal=(population.antal * scale).round().astype(int))
    counts = write_monthly(con, landing / "pas", "pas", pas, source)
    # Yearly statistics arrive with December's deliveries.
    counts |= write_monthly(con, landing / "statistik", "statistik", (
        (population.assign(period=population.ar.astype(str) + "-12"), STAT_POPULATION),
        (care.barometer.assign(period=care.barometer.ar.astype(str) + "-12"), STAT_BAROMETER)))
    return counts, messages


def _hundredths(frame, *columns: str):
    """Hours as whole hundredths (the extract writer prints them with a decimal comma)."""
    out = frame.copy()
    for c in columns:
        out[c] = (out[c] * 100).round().astype("Int64")
    return out


def write_hr(con: duckdb.DuckDBPyConnection, hr, root: Path,
             source: Callable[[Entity], str] | None = None) -> dict[str, int]:
    return write_monthly(con, root, "hr", (
        (hr.persons, HR_PERSONS), (_hundredths(hr.employments, "ordinarie_timmar"),
                                   HR_EMPLOYMENTS),
        (hr.absences, HR_ABSENCES), (_hundredths(hr.payroll, "antal"), PAYROLL_LINES)), source)


def _replicated(entity: Entity) -> str:
    """The month's rows of every replica of its patients (table replicas, see
    simulate.replicas): each under the replica's identity number, its record identifier
    suffixed."""
    record_id = next(c for c in entity.key if c != "period")
    return replica_query((record_id,), "replicas", "personnummer")


def write_monthly(con: duckdb.DuckDBPyConnection, root: Path, system: str, frames,
                  source: Callable[[Entity], str] | None = None) -> dict[str, int]:
    """One delivery per month of a system: a file per entity that has rows that month; source
    gives the relation an entity's files are written from (default its frame)."""
    groups = [{p: part for p, part in frame.groupby("period", sort=True)}
              for frame, _ in frames]
    counts = {entity.table: 0 for _, entity in frames}
    for period in sorted(set().union(*groups)):
        folder = root / period
        entries = []
        for g, (_, entity) in zip(groups, frames, strict=True):
            if period in g:
                entries.append(write_extract(con, g[period], entity,
                                             folder / f"{entity.name}_{period}.csv",
                                             *([source(entity)] if source else [])))
                counts[entity.table] += entries[-1]["rows"]
        write_manifest(folder, system, period, entries)
    return counts
