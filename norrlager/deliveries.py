"""National deliveries written from the marts: files a region sends to national bodies.

The monthly waiting-time delivery to SKR's national database is the mart
`national_reporting.waiting_times_delivery`, one CSV per month (UTF-8, comma-separated, with a
header), written next to the serving database under deliveries/waiting_times/. Each file is
written to a temporary name and renamed, so a reader never sees half a month; a month is
written again only when its rows changed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import duckdb

WAITING_TIMES = "national_reporting.waiting_times_delivery"


def write_waiting_times(warehouse: Path, out_dir: Path, periods: list[str] | None = None,
                        progress: Callable[[str], None] = print) -> list[Path]:
    """One CSV per period of the waiting-time delivery (every period, or those given)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        known = [p for (p,) in con.execute(
            f"select distinct period from {WAITING_TIMES} order by period").fetchall()]
        unknown = sorted(set(periods or []) - set(known))
        if unknown:
            raise ValueError(f"no waiting-time rows for {', '.join(unknown)} in {warehouse}")
        for period in periods or known:
            target = out_dir / f"waiting_times_{period}.csv"
            tmp = target.with_name(f".{target.name}.tmp")
            con.execute(f"copy (select * from {WAITING_TIMES} where period = ? "
                        f"order by record_kind, waiting_kind, waiting_list_id) "
                        f"to '{tmp}' (format csv, header)", [period])
            if target.exists() and _digest(target) == _digest(tmp):
                tmp.unlink()
                continue
            os.replace(tmp, target)
            written.append(target)
    progress(f"waiting-time delivery: {len(written)} of {len(periods or known)} months written "
             f"to {out_dir}")
    return written


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
