"""National deliveries written from the marts: files a region sends to national bodies.

- The monthly waiting-time delivery to SKR's national database: the mart
  `national_reporting.waiting_times_delivery`, one CSV per month.
- The räkenskapssammandrag (RS) to SCB: its three parts (income and costs per activity and
  line, net cost per activity, trade in activity per kind of counterparty) in one long CSV per
  year, ready to paste into the form or open in Excel.

Files are UTF-8, comma-separated, with a header, written to the warehouse folder's private
deliveries/ (never into the serving tree BI reads: the waiting-time delivery is row-level).
Each is written to a temporary name and renamed, so a reader never sees half a
file; a file is rewritten only when its rows changed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb

from norrlager.sqltext import sql_string

WAITING_TIMES = "national_reporting.waiting_times_delivery"
# The RS in one long shape: part, year, activity, line, counterparty kind, amount, and the
# line's order on the form.
RS = """
    select 'intakter_och_kostnader' as part, fiscal_year, activity_code, activity, rs_line_code,
        rs_line, null as counterparty_type, amount_sek, line_order
    from national_reporting.rs_income_and_costs_by_activity
    union all
    select 'nettokostnad', fiscal_year, activity_code, activity, 'nettokostnad', 'Nettokostnad',
        null, net_cost_sek, 99
    from national_reporting.rs_net_cost_by_activity
    union all
    select 'kop_och_forsaljning_av_verksamhet', fiscal_year, activity_code, null, rs_line_code,
        rs_line, counterparty_type, amount_sek, 100
    from national_reporting.rs_trade_in_activity_by_counterparty
"""


def deliveries_dir(warehouse: Path) -> Path:
    """Where the national deliveries are written: beside the warehouse, outside serving/."""
    return warehouse.parent / "deliveries"


def remove_legacy_deliveries(serving: Path) -> Path | None:
    """Earlier releases wrote the deliveries inside the serving tree (serving/deliveries/), where
    BI could read the row-level waiting-time files. Once they are written beside the warehouse,
    that folder is removed. Returns the folder removed, if any."""
    legacy = serving.parent / "deliveries"
    if legacy.is_dir() and not legacy.is_symlink():
        shutil.rmtree(legacy)
        return legacy
    return None


def _write_per_key(con: duckdb.DuckDBPyConnection, select: str, key: str, order: str,
                   out_dir: Path, prefix: str, keys: list[str] | None) -> tuple[list[Path], int]:
    """One CSV per value of `key` in `select`; returns the files (re)written and how many
    there are."""
    out_dir.mkdir(parents=True, exist_ok=True)
    known = [str(k) for (k,) in con.execute(
        f"select distinct {key} from ({select}) order by 1").fetchall()]
    unknown = sorted(set(keys or []) - set(known))
    if unknown:
        raise ValueError(f"no rows for {key} {', '.join(unknown)}")
    written = []
    for value in keys or known:
        target = out_dir / f"{prefix}_{value}.csv"
        tmp = target.with_name(f".{target.name}.tmp")
        con.execute(f"copy (select * from ({select}) where cast({key} as varchar) = ? "
                    f"order by {order}) to {sql_string(tmp)} (format csv, header)", [value])
        if target.exists() and _digest(target) == _digest(tmp):
            tmp.unlink()
            continue
        os.replace(tmp, target)
        written.append(target)
    return written, len(keys or known)


def write_waiting_times(warehouse: Path, out_dir: Path, periods: list[str] | None = None,
                        progress: Callable[[str], None] = print) -> list[Path]:
    """One CSV per period of the waiting-time delivery (every period, or those given)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        written, n = _write_per_key(con, f"select * from {WAITING_TIMES}", "period",
                                    "record_kind, waiting_kind, waiting_list_id", out_dir,
                                    "waiting_times", periods)
    progress(f"waiting-time delivery: {len(written)} of {n} months written to {out_dir}")
    return written


def write_rs(warehouse: Path, out_dir: Path, years: list[str] | None = None,
             progress: Callable[[str], None] = print) -> list[Path]:
    """One CSV per year of the räkenskapssammandrag (every year, or those given)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        written, n = _write_per_key(con, RS, "fiscal_year",
                                    "part, activity_code, line_order, rs_line_code, "
                                    "counterparty_type", out_dir, "rakenskapssammandrag", years)
    progress(f"räkenskapssammandrag: {len(written)} of {n} years written to {out_dir}")
    return written


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
