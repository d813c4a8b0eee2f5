"""Write simulated data the way source systems deliver it: one file per system, entity and
month (through norrlager.ingest.writing), with a manifest per delivery made at the time the
simulated systems deliver."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from norrlager.ingest.manifest import MANIFEST


def delivery_time(period: str) -> str:
    """When the simulated systems deliver a month: the 3rd of the next month at 06:00 UTC (a
    fixed time, so that the simulated world is the same on every run)."""
    year, month = int(period[:4]), int(period[5:])
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return datetime(year, month, 3, 6, 0, tzinfo=UTC).isoformat(timespec="seconds")


def write_manifest(folder: Path, system: str, period: str, entries: Iterable[dict]) -> Path:
    manifest = {"system": system, "period": period, "delivered_at": delivery_time(period),
                "files": list(entries)}
    path = folder / MANIFEST
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    return path
