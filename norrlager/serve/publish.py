"""Publish the BI-facing marts to a separate serving database and Parquet, swapped atomically.

DuckDB allows one writer or many readers on a file, never both: BI tools therefore never read
the warehouse dbt builds into. Each publish copies the BI-facing tables (with their table and
column comments) into a new file next to the served one and renames it over the served file in
one step. A reader with an open connection keeps reading the file it opened; the next
connection opens the new one. Nobody waits, and nobody sees half of a refresh. Tables, not views,
are served: views would name the warehouse's catalog. Parquet exports are written to a new
folder and a `current` link is switched to it in one step, likewise; the report in pictures is
drawn from the new file before it is served and swapped in with it.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from norrlager.config import PROJECT_DIR
from norrlager.serve.monthly_report import FOLDER as MONTHLY_FOLDER
from norrlager.serve.monthly_report import build_monthly_reports
from norrlager.serve.permissions import share_serving
from norrlager.serve.report import build_report
from norrlager.sqltext import sql_string

# The schemas BI tools may read: the marts of every domain, the annual report, and how far each
# domain's data goes (meta.data_through).
BI_SCHEMAS = ("operating_accounts", "follow_up", "purchased_care", "personnel",
              "care_production", "waiting_times", "annual_report", "meta")
# National reporting is served table by table: its aggregates are BI's, its row-level
# waiting-time delivery (pseudonymised patients) goes to SKR as a file only.
BI_TABLES = (("national_reporting", "net_cost_per_inhabitant_by_activity"),
             ("national_reporting", "net_cost_per_inhabitant_vs_peers"))
# Marts renamed to the naming rule (docs/naming.md), served under their old name too, as a
# view and a Parquet file, for one release: BI reports get a release to move.
RENAMED_UNTIL = "0.3.0"
RENAMED = {("operating_accounts", "dim_accounts"): "accounts",
           ("operating_accounts", "dim_cost_centres"): "cost_centre_hierarchy",
           ("operating_accounts", "fct_budget_monthly"): "budget_monthly",
           ("operating_accounts", "fct_ledger_monthly"): "ledger_monthly",
           ("purchased_care", "fct_purchased_care_monthly"): "purchased_care_monthly"}


def is_served(schema: str, table: str) -> bool:
    """Whether BI tools see a table of the warehouse."""
    return schema in BI_SCHEMAS or (schema, table) in BI_TABLES
KEEP_EXPORTS = 2


def serving_path(warehouse: Path) -> Path:
    value = os.environ.get("NORRLAGER_SERVING")
    if value:
        path = Path(value)
        return path if path.is_absolute() else PROJECT_DIR / path
    return warehouse.parent / "serving" / "norrlager.duckdb"


@dataclass
class PublishResult:
    serving: Path
    exports: Path
    tables: list[str]
    seconds: float
    report: Path


def _bi_tables(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str | None]]:
    rows = con.execute("""select schema_name, table_name, comment from duckdb_tables()
        where database_name = 'wh' order by schema_name, table_name""").fetchall()
    # A warehouse built before a rename still holds the old table (dbt drops nothing): the old
    # name is served as a view of the new one instead.
    return [r for r in rows if is_served(r[0], r[1]) and (r[0], r[1]) not in RENAMED]


def _copy_column_comments(con: duckdb.DuckDBPyConnection, database: str, schema: str,
                          source: str, target: str) -> None:
    """The column comments of `database`.`schema`.`source` onto `schema`.`target`."""
    for column, comment in con.execute(
            """select column_name, comment from duckdb_columns()
               where database_name = ? and schema_name = ? and table_name = ?
                 and comment is not null""", [database, schema, source]).fetchall():
        con.execute(f'comment on column {schema}."{target}"."{column}" is {sql_string(comment)}')


def _copy_tables(warehouse: Path, target: Path, exports: Path) -> list[str]:
    """Copy the BI tables into a new database file and export each to Parquet in `exports`."""
    published = []
    with duckdb.connect(str(target)) as con:
        con.execute(f"attach {sql_string(str(warehouse))} as wh (read_only)")
        for schema, table, comment in _bi_tables(con):
            con.execute(f"create schema if not exists {schema}")
            con.execute(f'create table {schema}."{table}" as select * from wh.{schema}."{table}"')
            if comment:
                con.execute(f'comment on table {schema}."{table}" is {sql_string(comment)}')
            _copy_column_comments(con, "wh", schema, table, table)
            (exports / schema).mkdir(parents=True, exist_ok=True)
            parquet = sql_string(f"{exports / schema / table}.parquet")
            con.execute(f'copy {schema}."{table}" to {parquet} (format parquet)')
            published.append(f"{schema}.{table}")
        published += _old_names(con, exports, set(published))
        con.execute("detach wh")
        con.execute("checkpoint")
    return published


def _old_names(con: duckdb.DuckDBPyConnection, exports: Path, published: set[str]) -> list[str]:
    """Each renamed mart under its old name: a view in the serving file (of a table in the same
    file, so it names no other catalog) and a copy of its Parquet file."""
    made = []
    here = con.execute("select current_database()").fetchone()[0]
    for (schema, old), new in RENAMED.items():
        if f"{schema}.{new}" not in published:
            continue
        con.execute(f'create view {schema}."{old}" as select * from {schema}."{new}"')
        con.execute(f'comment on view {schema}."{old}" is '
                    + sql_string(f"Renamed to {schema}.{new}; this view goes in release "
                                 f"{RENAMED_UNTIL}."))
        _copy_column_comments(con, here, schema, new, old)
        shutil.copyfile(exports / schema / f"{new}.parquet", exports / schema / f"{old}.parquet")
        made.append(f"{schema}.{old}")
    return made


def _switch_exports(exports: Path, folder: Path, run: str) -> Path:
    link = exports / "current"
    tmp_link = exports / f".current-{run}"
    tmp_link.symlink_to(folder.name)
    os.replace(tmp_link, link)  # atomic switch of what `current` points to
    runs = sorted(p for p in exports.glob("run-*") if p.is_dir())
    for old in runs[:-KEEP_EXPORTS]:
        shutil.rmtree(old, ignore_errors=True)
    return link


def publish(warehouse: Path, serving: Path | None = None) -> PublishResult:
    t0 = time.perf_counter()
    serving = serving or serving_path(warehouse)
    serving.parent.mkdir(parents=True, exist_ok=True)
    run = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}"
    tmp = serving.with_name(f".{serving.name}.{run}.tmp")
    exports = serving.parent / "parquet"
    folder = exports / f"run-{run}"
    report = serving.parent / "report" / "index.html"
    tmp_report = report.with_name(f".{report.name}.{run}.tmp")
    try:
        tables = _copy_tables(warehouse, tmp, folder)
        # The reports are drawn from the new serving file itself, before it is served.
        pages = build_monthly_reports(tmp, report.parent / MONTHLY_FOLDER)
        build_report(tmp, tmp_report, sorted((report.parent / MONTHLY_FOLDER).glob("*.html")))
        # Readable by BI's group before they are served.
        for path in (tmp, tmp_report, folder, report.parent / MONTHLY_FOLDER, *pages):
            share_serving(path, serving, warehouse.parent)
        os.replace(tmp, serving)  # the swap: one rename, readers never see a partial file
        os.replace(tmp_report, report)
    finally:
        tmp.unlink(missing_ok=True)
        tmp_report.unlink(missing_ok=True)
    link = _switch_exports(exports, folder, run)
    return PublishResult(serving, link, tables, time.perf_counter() - t0, report)
