"""A small sample of a loaded warehouse's raw tables, as Parquet, to build on another engine.

The sample keeps whole months of every monthly source (every row of those periods, so each
ledger verification still balances) and every row of the small registers (persons, population,
opening balances, the citizen barometer, the controllers' forecasts). Two year-ends are kept
so the yearly marts, the month-end staff counts and the ledger's closing entries all have rows,
and the November before the last so the follow-up's backtest (made after months 1-11) has one.
The Parquet files are what both engines read: the parity test builds DuckDB and Spark from
exactly the same input.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

from norrlager.config import dbt_vars
from norrlager.sqltext import sql_string

# December of the year before the report year, and November and December of the report year.
SAMPLE_PERIODS = (f"{dbt_vars()['report_year'] - 1}-12", f"{dbt_vars()['report_year']}-11",
                  f"{dbt_vars()['report_year']}-12")
# Registers that are small and that the monthly sources join to: kept whole.
WHOLE_TABLES = ("hr_persons", "ledger_opening_balances", "statistik_barometer",
                "statistik_population", "forecast_lines")


def raw_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute("select table_name from duckdb_tables() where schema_name = 'raw' "
                       "order by table_name").fetchall()
    return [name for (name,) in rows]


def _has_period(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(con.execute(
        "select count(*) from duckdb_columns() where schema_name = 'raw' and table_name = ? "
        "and column_name = 'period'", [table]).fetchone()[0])


def cut_sample(warehouse: Path, out_dir: Path, periods: tuple[str, ...] = SAMPLE_PERIODS,
               progress: Callable[[str], None] = print) -> dict[str, int]:
    """Write raw.<table> of `warehouse`, cut to `periods`, as out_dir/<table>/part-0.parquet.
    Returns the rows written per table."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for table in raw_tables(con):
            keep_all = table in WHOLE_TABLES or not _has_period(con, table)
            where = "" if keep_all else "where period in (select unnest(?::varchar[]))"
            target = out_dir / table
            target.mkdir(exist_ok=True)
            params = [] if keep_all else [list(periods)]
            part = sql_string(target / "part-0.parquet")
            con.execute(f"copy (select * from raw.{table} {where} order by all) "
                        f"to {part} (format parquet)", params)
            written[table] = con.execute(
                f"select count(*) from read_parquet({part})").fetchone()[0]
    progress(f"sample: {sum(written.values()):,} raw rows in {len(written)} tables "
             f"({', '.join(periods)}) -> {out_dir}")
    return written


def duckdb_from_parquet(parquet_dir: Path, warehouse: Path) -> None:
    """A fresh DuckDB warehouse whose raw schema holds the Parquet sample (tables, as the
    loader leaves them)."""
    warehouse.unlink(missing_ok=True)
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema raw")
        for table_dir in sorted(p for p in parquet_dir.iterdir() if p.is_dir()):
            con.execute(f"create table raw.{table_dir.name} as select * from "
                        f"read_parquet({sql_string(f'{table_dir}/*.parquet')})")
