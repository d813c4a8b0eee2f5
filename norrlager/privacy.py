"""Find what must never be published: values shaped like a Swedish personal identity number, and
the pseudonymisation key itself.

Since the loader pseudonymises at the boundary, no schema of the warehouse holds an identity
number by design: every table and view is scanned, raw included. Files (the docs site, dbt's
target/ and logs/, Data Docs, the report, Parquet exports, the serving database) are scanned as
bytes for the key and as text for identity numbers; DuckDB and Parquet files through DuckDB.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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


def scan_warehouse(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Text columns of every table and view of the open database that hold a value shaped like
    a personal identity number."""
    cols = con.execute("""select table_schema, table_name, column_name
        from information_schema.columns
        where data_type = 'VARCHAR' and table_catalog = current_database()""").fetchall()
    hits = []
    for schema, table, column in cols:
        n = con.execute(f'select count(*) from "{schema}"."{table}" '
                        f'where regexp_matches("{column}", ?)', [PNR_SQL]).fetchone()[0]
        if n:
            hits.append(f"{schema}.{table}.{column}: {n} values")
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
