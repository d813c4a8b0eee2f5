"""The warehouse's `raw` and `audit` schemas as the loader keeps them: one raw table per entity
with lineage columns, the load log, the quarantine, and the pseudonymisation key's fingerprint.
"""

from __future__ import annotations

import duckdb

from norrlager.ingest.contracts import ENTITIES, Entity
from norrlager.ingest.errors import LoadError
from norrlager.ingest.manifest import Delivery, FileEntry
from norrlager.ingest.pseudonym import PseudonymKey, PseudonymKeyError

SQL_TYPES = {"integer": "integer", "decimal": "decimal(18, 2)", "date": "date",
             "varchar": "varchar", "period": "varchar", "weight": "decimal(18, 4)"}


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists raw")
    con.execute("create schema if not exists audit")
    old = con.execute("""select count(*) from information_schema.tables
        where table_schema = 'audit' and table_name = 'load_log'""").fetchall()[0][0]
    has_time = con.execute("""select count(*) from information_schema.columns
        where table_schema = 'audit' and table_name = 'load_log'
          and column_name = 'delivered_at'""").fetchall()[0][0]
    if old and not has_time:
        raise RuntimeError("this warehouse was loaded by an older Norrlager (its load log has no "
                           "delivered_at): delete the warehouse file and load again")
    for entity in ENTITIES.values():
        cols = ", ".join(f"{n} {SQL_TYPES[t]}" for n, t in entity.raw_columns)
        con.execute(f"""create table if not exists raw.{entity.table} ({cols},
            _delivery_key varchar not null, _file varchar not null, _sha256 varchar not null,
            _line_no bigint not null, _loaded_at timestamp not null)""")
    # One row per file of a delivery that was applied; status 'loaded' marks the current
    # delivery of its system, entity and period, 'superseded' the ones it replaced.
    con.execute("""create table if not exists audit.load_log (
        system varchar, entity varchar, period varchar, delivery_key varchar,
        delivery varchar, delivered_at timestamp, manifest_sha256 varchar, file varchar,
        sha256 varchar, rows bigint, control_debit decimal(38, 2),
        control_credit decimal(38, 2), loaded_at timestamp, status varchar,
        masked_identity_numbers bigint)""")
    # Rows whose free text held an identity number, masked at load (contracts.Entity.free_text).
    con.execute("alter table audit.load_log add column if not exists masked_identity_numbers "
                "bigint")
    con.execute("""create table if not exists audit.quarantine (
        file varchar, sha256 varchar, line bigint, rule varchar, message varchar,
        rejected_at timestamp, system varchar, entity varchar, period varchar,
        manifest_sha256 varchar)""")
    con.execute("""create table if not exists audit.pseudonym_key (
        fingerprint varchar not null, first_used_at timestamp not null)""")
    con.execute("""create or replace view audit.current_deliveries as
        select system, entity, period, any_value(delivery) as delivery,
               any_value(delivered_at) as delivered_at, count(*) as files, sum(rows) as rows,
               max(loaded_at) as loaded_at
        from audit.load_log where status = 'loaded'
        group by system, entity, period""")


def check_key(con: duckdb.DuckDBPyConnection, key: PseudonymKey, rotate: bool = False) -> None:
    """The same key as every earlier load, or an explicit rotation (which empties raw)."""
    row = next(iter(con.execute("select fingerprint from audit.pseudonym_key").fetchall()), None)
    if row and row[0] != key.fingerprint and not rotate:
        raise PseudonymKeyError(
            f"the pseudonymisation key ({key.source}) is not the one raw was loaded with: "
            "every person would get a second pseudonym. Use the old key, or rotate: "
            "`norrlager load --rotate-key` empties raw and reloads every delivery under the new "
            "key (then rebuild with `norrlager refresh --full-refresh`).")
    if rotate and row and row[0] != key.fingerprint:
        con.execute("begin transaction")
        for entity in ENTITIES.values():
            con.execute(f"delete from raw.{entity.table}")
        con.execute("delete from audit.load_log")
        con.execute("delete from audit.pseudonym_key")
        con.execute("commit")
        row = None
    if not row:
        con.execute("insert into audit.pseudonym_key values (?, current_localtimestamp())",
                    [key.fingerprint])


def quarantine(con, err: LoadError, digest: str | None, delivery: Delivery | None = None,
                entity: Entity | None = None) -> None:
    con.execute("insert into audit.quarantine values (?, ?, ?, ?, ?, current_localtimestamp(), "
                "?, ?, ?, ?)",
                [err.file, digest, err.line, err.rule, err.message,
                 delivery.system if delivery else None, entity.name if entity else None,
                 delivery.period if delivery else None,
                 delivery.manifest_sha256 if delivery else None])


def log_load(con: duckdb.DuckDBPyConnection, d: Delivery, entity: Entity,
             files: list[tuple[FileEntry, str, int]], key: str | None) -> None:
    """The load of one entity of one delivery in `audit.load_log`: its files (entry, sha256,
    rows with a masked identity number) loaded, the period's earlier load superseded."""
    if key is None:  # an unchanged re-delivery keeps the rows (and key) it had
        key = con.execute("""select any_value(delivery_key) from audit.load_log
            where system = ? and entity = ? and period = ? and status = 'loaded'""",
                          [d.system, entity.name, d.period]).fetchall()[0][0]
    con.execute("""update audit.load_log set status = 'superseded'
        where system = ? and entity = ? and period = ? and status = 'loaded'""",
                [d.system, entity.name, d.period])
    for entry, digest, masked in files:
        con.execute("""insert into audit.load_log values
            (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, current_localtimestamp(), 'loaded', ?)""",
                    [d.system, entity.name, d.period, key, str(d.folder), d.delivered_at,
                     d.manifest_sha256, entry.file, digest, entry.rows, entry.debit,
                     entry.credit, masked])
