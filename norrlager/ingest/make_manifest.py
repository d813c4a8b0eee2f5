"""`norrlager manifest <folder>`: write the manifest of a delivery a region exported itself.

Each CSV file in the folder is recognised by its header (every entity of a system has its own
column list), a SIE 4 file (.se, .si) of the ledger as the ledger's lines; each is checked by
the same rules the loader applies, and described by its row count, control sums and sha256.
Nothing is written unless every file passes, so a manifest made here is one the loader accepts.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from norrlager.ingest import checks
from norrlager.ingest.contracts import LEDGER_LINES, Entity, entities_of
from norrlager.ingest.errors import LoadError
from norrlager.ingest.manifest import (
    MANIFEST,
    PERIOD,
    SIE_FORMAT,
    SYSTEMS,
    FileEntry,
    parse_time,
    sha256,
)
from norrlager.ingest.sources.sie.ledger import SUFFIXES as SIE_SUFFIXES


def entity_of(path: Path, system: str) -> Entity:
    head = path.read_bytes()[:4096].split(b"\n", 1)[0].rstrip(b"\r").lstrip(b"\xef\xbb\xbf")
    for entity in entities_of(system):
        if head.decode(entity.encoding, "replace") == ";".join(entity.column_names):
            return entity
    raise LoadError(str(path), 1, "header", f"the header matches no entity of {system} "
                    f"({', '.join(e.name for e in entities_of(system))})")


def sie_entity(path: Path, system: str) -> Entity:
    if system != "ledger":
        raise LoadError(str(path), None, "format", f"a SIE file belongs to the ledger, not to "
                                                   f"{system}")
    return LEDGER_LINES


def make_manifest(folder: Path, system: str | None = None, period: str | None = None,
                  delivered_at: str | None = None, force: bool = False) -> Path:
    folder = folder.resolve()
    system = system or folder.parent.name
    period = period or folder.name
    if system not in SYSTEMS:
        raise LoadError(str(folder), None, "manifest system",
                        f"unknown system {system!r}: name it with --system ({', '.join(SYSTEMS)})")
    if not PERIOD.fullmatch(period):
        raise LoadError(str(folder), None, "manifest period",
                        f"the folder's name {period!r} is no period: give --period YYYY-MM")
    at = parse_time(delivered_at, str(folder)) if delivered_at else datetime.now(UTC)
    target = folder / MANIFEST
    if target.exists() and not force:
        raise LoadError(str(target), None, "manifest",
                        "a manifest exists already; --force replaces it (a correction of a "
                        "delivery that was loaded belongs in a new folder)")
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".csv", *SIE_SUFFIXES))
    if not files:
        raise LoadError(str(folder), None, "manifest file list",
                        "no .csv (or SIE .se) files in the folder")
    entries, tables = [], {}
    with duckdb.connect() as con:
        checks.create_temp_tables(con)
        for i, path in enumerate(files):
            sie = path.suffix.lower() in SIE_SUFFIXES
            entity = sie_entity(path, system) if sie else entity_of(path, system)
            stub = FileEntry(path.name, entity, "pc8", 0, "", None, None, SIE_FORMAT)
            checks.check_file(con, entity, path, period, entry=stub if sie else None)
            checks.check_identifiers(con, entity, str(path))
            rows, debit, credit = checks.control_sums(con, entity)
            con.execute(f"alter table _fields rename to _fields_{i}")
            tables.setdefault(entity.name, []).append((str(path), f"_fields_{i}"))
            entry = {"file": path.name, "entity": entity.name, "encoding": entity.encoding,
                     "rows": rows, "sha256": sha256(path)}
            if sie:
                entry |= {"format": SIE_FORMAT, "encoding": "pc8"}
            if entity.amount_column:
                entry["control_sums"] = {"debit": str(debit), "credit": str(credit)}
            entries.append((entity, entry))
        for name, files_of in tables.items():
            checks.check_keys(con, next(e for e, _ in entries if e.name == name), files_of)
    manifest = {"system": system, "period": period,
                "delivered_at": at.replace(tzinfo=at.tzinfo or UTC).isoformat(timespec="seconds"),
                "files": [e for _, e in entries]}
    tmp = target.with_name(f".{MANIFEST}.tmp")
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, target)
    return target

