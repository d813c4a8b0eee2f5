"""Write an entity's rows as the CSV extract format the loader reads (norrlager.ingest.reading):
one file per entity and period, semicolon separated, decimal comma, ISO dates, in the entity's
declared encoding, with its manifest entry (rows, control sums, sha256). The simulated source
systems write through it, and so does any outside source turned into a delivery (Kolada)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from norrlager.ingest.contracts import Entity
from norrlager.ingest.manifest import sha256
from norrlager.sqltext import sql_string


def ore_text(ore: int) -> str:
    """Exact decimal text of an amount in öre: 123456 -> '1234.56'."""
    sign = "-" if ore < 0 else ""
    return f"{sign}{abs(ore) // 100}.{abs(ore) % 100:02d}"


def _sek(column: str) -> str:
    """öre (integer) -> '1234,56' with decimal comma, exact."""
    return (f"(case when {column} < 0 then '-' else '' end) || (abs({column}) // 100)::varchar"
            f" || ',' || lpad((abs({column}) % 100)::varchar, 2, '0')")


def write_extract(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, entity: Entity,
                  path: Path, source: str = "select * from extract_frame") -> dict:
    """Write one extract file and return its manifest entry (rows and control sums). source is
    the query written, over `extract_frame` (the frame): the replicas of a larger region are
    made while the file is written, and its control sums are taken from the same query."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con.register("extract_frame", frame)
    cols = []
    for name, typ in entity.columns:
        if typ == "decimal":
            cols.append(f"{_sek(name)} as {name}")
        elif typ == "weight":
            cols.append(f"coalesce(replace(printf('%.4f', {name}), '.', ','), '') as {name}")
        elif typ == "date":
            cols.append(f"strftime({name}::date, '%Y-%m-%d') as {name}")
        else:
            cols.append(f"{name}::varchar as {name}")
    tmp = path.with_suffix(".tmp")
    [(rows,)] = con.execute(f"copy (select {', '.join(cols)} from ({source}) as delivered) "
                            f"to {sql_string(tmp)} (header, delimiter ';', quote '', escape '')"
                            ).fetchall()
    sums = None
    if entity.amount_column:  # öre, integers: exact
        a = entity.amount_column
        [sums] = con.execute(f"select coalesce(sum({a}) filter (where {a} > 0), 0), "
                             f"coalesce(-sum({a}) filter (where {a} < 0), 0) "
                             f"from ({source}) as delivered").fetchall()
    con.unregister("extract_frame")
    if entity.encoding != "utf-8":
        tmp.write_bytes(tmp.read_text(encoding="utf-8").encode(entity.encoding))
    tmp.replace(path)
    entry = {"file": path.name, "entity": entity.name, "encoding": entity.encoding,
             "rows": int(rows), "sha256": sha256(path)}
    if sums is not None:
        entry["control_sums"] = {"debit": ore_text(int(sums[0])),
                                 "credit": ore_text(int(sums[1]))}
    return entry
