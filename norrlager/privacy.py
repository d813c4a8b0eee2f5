"""Find values shaped like a Swedish personal identity number where none may be."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import duckdb

# (YY)YYMMDD-NNNN, or YYYYMMDDNNNN without the dash, with a plausible month and day, not part
# of a longer run of digits or letters (timestamps and hashes are not persons).
_DATE = r"[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])"
_PNR = rf"((19|20)?{_DATE}[-+][0-9]{{4}}|(19|20){_DATE}[0-9]{{4}})"
PNR = re.compile(rf"(?<![0-9A-Za-z.]){_PNR}(?![0-9A-Za-z])")
PNR_SQL = rf"(^|[^0-9A-Za-z.]){_PNR}([^0-9A-Za-z]|$)"
# Schemas that hold personal data by design: the loaded extracts and the staging boundary
# that pseudonymises them.
PERSONAL_SCHEMAS = {"raw", "staging"}


def scan_warehouse(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Text columns of every table and view outside raw and staging that hold a value shaped
    like a personal identity number."""
    cols = con.execute("""select table_schema, table_name, column_name
        from information_schema.columns
        where data_type = 'VARCHAR' and table_schema not in ('raw', 'staging')
          and table_catalog = current_database()""").fetchall()
    hits = []
    for schema, table, column in cols:
        n = con.execute(f'select count(*) from "{schema}"."{table}" '
                        f'where regexp_matches("{column}", ?)', [PNR_SQL]).fetchone()[0]
        if n:
            hits.append(f"{schema}.{table}.{column}: {n} values")
    return hits


def scan_files(paths: Iterable[Path]) -> list[str]:
    hits = []
    for path in paths:
        if not path.is_file() or path.suffix in {".duckdb", ".wal", ".parquet", ".msgpack"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        found = sum(1 for _ in PNR.finditer(text))
        if found:
            hits.append(f"{path}: {found} values")
    return hits
