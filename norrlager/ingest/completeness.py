"""Has every source system delivered every period a refresh needs?

Which entities a period needs is declared once, in norrlager.ingest.contracts (`cadence`, and
`required_entities`); the load log says what is loaded. An entity is needed from the first
period it was ever delivered, so a missing month in the middle of a history is found as well
as a system that has not delivered the latest month.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from norrlager.ingest.contracts import DOMAIN_SYSTEMS, required_entities


@dataclass(frozen=True)
class Missing:
    system: str
    period: str
    entities: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.system} has not delivered {self.period}: {', '.join(self.entities)}"


def months(first: str, last: str) -> list[str]:
    out, (y, m) = [], (int(first[:4]), int(first[5:]))
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def missing_deliveries(con: duckdb.DuckDBPyConnection, up_to: str) -> list[Missing]:
    """Every system and period up to `up_to` that lacks a loaded delivery of a needed entity."""
    log = con.execute("""select system, entity, period, bool_or(status = 'loaded')
        from audit.load_log where period <= ? group by all""", [up_to]).fetchall()
    first: dict[str, dict[str, str]] = {}
    loaded = set()
    for system, entity, period, is_loaded in log:
        first.setdefault(system, {})
        first[system][entity] = min(period, first[system].get(entity, period))
        if is_loaded:
            loaded.add((system, entity, period))
    out = []
    for system in sorted(first):
        for period in months(min(first[system].values()), up_to):
            lacking = tuple(e.name for e in required_entities(system, period, first[system])
                            if (system, e.name, period) not in loaded)
            if lacking:
                out.append(Missing(system, period, lacking))
    return out


def data_through(con: duckdb.DuckDBPyConnection, up_to: str) -> dict[str, str | None]:
    """Per mart domain, the last period up to which every system it reads is complete."""
    missing = missing_deliveries(con, up_to)
    periods = {r[0]: r[1] for r in con.execute(
        "select system, max(period) from audit.load_log where period <= ? group by system",
        [up_to]).fetchall()}
    through: dict[str, str | None] = {}
    for system, last in periods.items():
        gaps = [m.period for m in missing if m.system == system]
        if gaps:
            y, mo = int(min(gaps)[:4]), int(min(gaps)[5:])
            y, mo = (y - 1, 12) if mo == 1 else (y, mo - 1)
            through[system] = f"{y:04d}-{mo:02d}"
        else:
            through[system] = last
    out: dict[str, str | None] = {}
    for domain, systems in DOMAIN_SYSTEMS.items():
        known = [through.get(s) for s in systems]
        out[domain] = None if None in known else min(known)  # type: ignore[type-var]
    return out


def write_data_through(con: duckdb.DuckDBPyConnection, through: dict[str, str | None]) -> None:
    """`meta.data_through`: how far each mart domain's data goes, served to BI with the marts."""
    con.execute("create schema if not exists meta")
    con.execute("""create or replace table meta.data_through (
        domain varchar not null, data_through varchar, checked_at timestamp not null)""")
    con.executemany("insert into meta.data_through values (?, ?, current_localtimestamp())",
                    [[d, p] for d, p in through.items()])
    con.execute("comment on table meta.data_through is 'Per mart domain, the last period (YYYY-MM) "
                "through which every source system it reads has delivered in full.'")
