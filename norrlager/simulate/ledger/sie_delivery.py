"""The demo's ledger as SIE 4: each monthly delivery's lines, budget and opening balances
rewritten as the SIE files a region's accounting program would export (`norrlager simulate
--ledger-format sie`). Same rows, amounts and control sums; the manifest declares each file
`format: sie4`."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from norrlager.ingest.contracts import LEDGER_LINES, Entity, entity_for
from norrlager.ingest.manifest import MANIFEST, sha256
from norrlager.ingest.sources.sie.ledger import dimension_columns
from norrlager.ingest.sources.sie.writer import write_ledger_sie
from norrlager.reference import read_seed

COMPANY = "Region Norrbotten"
# Which part of the SIE file each ledger entity is (writer.write_ledger_sie's arguments).
PART = {"lines": "lines", "budget": "budget", "opening_balances": "opening"}


def _rows(path: Path, entity: Entity) -> list[dict[str, str]]:
    with path.open(encoding=entity.encoding, newline="") as f:
        return list(csv.DictReader(f, delimiter=";", quoting=csv.QUOTE_NONE))


def _lines(path: Path) -> list[dict[str, str]]:
    rows = _rows(path, LEDGER_LINES)
    # SIE numbers a voucher's rows by their place in it: the extract's must be 1, 2, ... so.
    position: dict[str, int] = {}
    for row in rows:
        position[row["verifikation"]] = position.get(row["verifikation"], 0) + 1
        if int(row["rad"]) != position[row["verifikation"]]:
            raise ValueError(f"{path}: verification {row['verifikation']} has rad {row['rad']} "
                             f"at place {position[row['verifikation']]}: not writable as SIE")
    rows.sort(key=lambda r: (r["bokforingsdatum"], r["verifikation"], int(r["rad"])))
    return rows


def rewrite_ledger_as_sie(landing: Path, progress: Callable[[str], None] = print) -> int:
    """Rewrite every ledger delivery's files under `landing` as SIE 4; returns the files."""
    accounts = {r["konto"]: r["kontonamn"] for r in read_seed("chart_of_accounts")}
    dims = dimension_columns()
    written = 0
    for manifest_path in sorted((landing / "ledger").glob(f"*/{MANIFEST}")):
        folder = manifest_path.parent
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        delivered = date.fromisoformat(manifest["delivered_at"][:10])
        for entry in manifest["files"]:
            source = folder / entry["file"]
            target = source.with_suffix(".se")
            entity = entity_for("ledger", entry["entity"])
            rows = _lines(source) if entity is LEDGER_LINES else _rows(source, entity)
            parts = {PART[entity.name]: rows}
            year = int(manifest["period"][:4])
            write_ledger_sie(target, COMPANY, year, accounts, dims, delivered, **parts)
            entry.update(file=target.name, format="sie4", encoding="pc8",
                         sha256=sha256(target))
            source.unlink()
            written += 1
        manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False),
                                 encoding="utf-8")
    progress(f"rewrote {written} ledger files as SIE 4")
    return written
