"""Find what must never be published: values shaped like a Swedish personal identity number, and
the pseudonymisation key itself.

Since the loader pseudonymises at the boundary, no schema of the warehouse holds an identity
number by design: every table and view is scanned, raw included. Files (the docs site, dbt's
target/ and logs/, Data Docs, the report, Parquet exports, the serving database) are scanned as
bytes for the key and as text for identity numbers; DuckDB and Parquet files through DuckDB.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

import duckdb

from norrlager.sqltext import sql_string

# (YY)YYMMDD-NNNN, or YYYYMMDDNNNN without the dash, with a plausible month and day, not part
# of a longer run of digits or letters (timestamps and hashes are not persons).
_DATE = r"[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01]|[67][0-9]|8[0-9]|9[01])"
_PNR = rf"((19|20)?{_DATE}[-+][0-9]{{4}}|(19|20){_DATE}[0-9]{{4}})"
PNR = re.compile(rf"(?<![0-9A-Za-z.]){_PNR}(?![0-9A-Za-z])")
PNR_SQL = rf"(^|[^0-9A-Za-z.]){_PNR}([^0-9A-Za-z]|$)"
DATABASE_SUFFIXES = {".duckdb", ".parquet"}
SKIPPED_SUFFIXES = {".wal", ".msgpack", ".tmp", ".lock"}


def scan_warehouse(con: duckdb.DuckDBPyConnection, views: bool = False,
                   only: Callable[[str, str], bool] | None = None) -> list[str]:
    """Text columns of every table (and view, with `views`; of the tables `only(schema,
    table)` accepts, if given) of the open database that hold a value shaped like a personal
    identity number: `schema.table.column: N values`, never the value. One scan per table, all
    its text columns at once. Views only repeat their tables' values, and computing them costs
    as much as the build did."""
    kinds = "('BASE TABLE', 'VIEW')" if views else "('BASE TABLE')"
    cols = con.execute(f"""select c.table_schema, c.table_name, c.column_name
        from information_schema.columns as c
        join information_schema.tables as t
          on t.table_catalog = c.table_catalog and t.table_schema = c.table_schema
         and t.table_name = c.table_name
        where c.data_type = 'VARCHAR' and c.table_catalog = current_database()
          and t.table_type in {kinds}
        order by 1, 2, c.ordinal_position""").fetchall()
    by_table: dict[tuple[str, str], list[str]] = {}
    for schema, table, column in cols:
        if only is None or only(schema, table):
            by_table.setdefault((schema, table), []).append(column)
    hits = []
    for (schema, table), columns in by_table.items():
        counts = con.execute("select " + ", ".join(
            f'count(*) filter (where regexp_matches("{c}", $1))' for c in columns)
            + f' from "{schema}"."{table}"', [PNR_SQL]).fetchone()
        hits += [f"{schema}.{table}.{c}: {n} values" for c, n in zip(columns, counts, strict=True)
                 if n]
    return hits


def _scan_database(path: Path, secret: bytes | None) -> list[str]:
    quoted = sql_string(path)
    with duckdb.connect() as con:
        if path.suffix == ".parquet":
            con.execute(f"create view parquet_file as select * from read_parquet({quoted})")
        else:
            con.execute(f"attach {quoted} as scanned (read_only)")
            con.execute("use scanned")
        hits = [f"{path}: {h}" for h in scan_warehouse(con)]
    if secret and secret in path.read_bytes():
        hits.append(f"{path}: the pseudonymisation key")
    return hits


def scan_files(paths: Iterable[Path], secret: bytes | None = None) -> list[str]:
    """Every file among `paths` (folders are walked) that holds an identity number or the key."""
    hits = []
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            if not f.is_file() or f.suffix in SKIPPED_SUFFIXES or f.is_symlink():
                continue
            if f.suffix in DATABASE_SUFFIXES:
                hits += _scan_database(f, secret)
                continue
            data = f.read_bytes()
            if secret and secret in data:
                hits.append(f"{f}: the pseudonymisation key")
            found = sum(1 for _ in PNR.finditer(data.decode("utf-8", errors="replace")))
            if found:
                hits.append(f"{f}: {found} values shaped like a personal identity number")
    return hits


def scan_before_publish(warehouse: Path, served: Callable[[str, str], bool],
                        files: Iterable[Path], secret: bytes | None) -> list[str]:
    """The refresh's gate: the tables about to be served and the files about to be published
    (docs site, Data Docs). Raw needs no scan here: the loader checks every new row of every
    text column as it loads (norrlager.ingest.checks.check_types)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        con.execute("set enable_progress_bar = false")
        hits = scan_warehouse(con, only=served)
    return hits + scan_files([f for f in files if f.exists()], secret)
