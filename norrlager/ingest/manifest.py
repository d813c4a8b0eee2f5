"""The manifest of a delivery, read and checked like data.

A delivery is a folder holding `manifest.json` and the files it lists:

    {"system": "ledger", "period": "2023-01", "delivered_at": "2024-02-03T06:00:00+00:00",
     "files": [{"file": "ledger_lines_2023-01.csv", "entity": "lines", "encoding": "utf-8",
                "rows": 73256, "sha256": "<64 hex digits>",
                "control_sums": {"debit": "3606051601.81", "credit": "3606051601,81"}}]}

Numbers may be JSON numbers or text with a decimal point or a decimal comma. Which delivery of a
period is current follows `delivered_at`, never the folder's name.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from norrlager.ingest.contracts import ENTITIES, Entity
from norrlager.ingest.errors import LoadError
from norrlager.ingest.landing import (
    MAX_MANIFEST_BYTES,
    MAX_MANIFEST_DEPTH,
    check_name,
    json_depth,
    printable,
    read_in,
)

MANIFEST = "manifest.json"
PERIOD = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
AMOUNT = re.compile(r"-?[0-9]{1,36}([.,][0-9]{1,2})?")
SHA256 = re.compile(r"[0-9a-f]{64}")
SYSTEMS = sorted({e.system for e in ENTITIES.values()})
SIE_FORMAT = "sie4"
FORMATS = ("csv", SIE_FORMAT)
SIE_ENTITIES = ("ledger_lines", "ledger_budget", "ledger_opening_balances")
# What a manifest may state for a SIE file: pc8 is what #FORMAT declares (IBM 437).
SIE_ENCODINGS = ("pc8", "utf-8", "latin-1", "windows-1252")


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass(frozen=True)
class FileEntry:
    file: str
    entity: Entity
    encoding: str
    rows: int
    sha256: str
    debit: Decimal | None
    credit: Decimal | None
    format: str = "csv"  # or "sie4": the ledger's lines as a SIE 4 file


@dataclass(frozen=True)
class Delivery:
    folder: Path
    manifest_sha256: str
    system: str
    period: str
    delivered_at: datetime  # UTC, naive
    files: tuple[FileEntry, ...]

    @property
    def manifest_path(self) -> Path:
        return self.folder / MANIFEST

    def by_entity(self) -> dict[str, list[FileEntry]]:
        out: dict[str, list[FileEntry]] = {}
        for f in self.files:
            out.setdefault(f.entity.name, []).append(f)
        return out


def parse_amount(value: object, what: str, where: str) -> Decimal:
    text = repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, bool) or not AMOUNT.fullmatch(text.strip()):
        raise LoadError(where, None, "manifest control sum",
                        f"{what} must be an amount such as 1234.50 or 1234,50, "
                        f"found {printable(text, 40)!r}")
    return Decimal(text.strip().replace(",", "."))


def parse_rows(value: object, where: str) -> int:
    text = str(value).strip()
    if isinstance(value, bool) or not re.fullmatch(r"[0-9]{1,12}", text):
        raise LoadError(where, None, "manifest row count",
                        "rows must be a whole number of at least 0, "
                        f"found {printable(repr(value), 40)}")
    return int(text)


def parse_time(value: object, where: str) -> datetime:
    try:
        at = datetime.fromisoformat(str(value))
    except ValueError:
        raise LoadError(where, None, "manifest delivered_at",
                        "delivered_at must be an ISO timestamp such as "
                        f"2024-02-03T06:00:00+00:00, found {printable(repr(value), 40)}"
                        ) from None
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at


def _entry(raw: object, system: str, where: str) -> FileEntry:
    if not isinstance(raw, dict):
        raise LoadError(where, None, "manifest file list", "each file entry must be an object")
    name = raw.get("file", "")
    if not isinstance(name, str):
        raise LoadError(where, None, "manifest file name", "a file name must be a text")
    check_name(name, where, "the file name")
    entity = ENTITIES.get(f"{system}_{raw.get('entity')}")
    if entity is None:
        known = ", ".join(e.name for e in ENTITIES.values() if e.system == system)
        raise LoadError(where, None, "manifest entity",
                        f"{name}: unknown entity {printable(raw.get('entity'), 60)!r} of "
                        f"{system} "
                        f"(known: {known})")
    fmt = str(raw.get("format", "csv")).lower()
    if fmt not in FORMATS:
        raise LoadError(where, None, "manifest format",
                        f"{name}: format must be one of {', '.join(FORMATS)}, found "
                        f"{printable(fmt, 20)!r}")
    if fmt == SIE_FORMAT:
        return _sie_entry(raw, name, entity, where)
    encoding = str(raw.get("encoding", entity.encoding)).lower()
    if encoding != entity.encoding:
        raise LoadError(where, None, "encoding",
                        f"{name}: {entity.table} is delivered in {entity.encoding}, the manifest "
                        f"declares {printable(encoding, 40)}")
    debit, credit = _sums(raw, name, entity, where)
    return FileEntry(name, entity, encoding, parse_rows(raw.get("rows"), where),
                     _digest(raw, name, where), debit, credit)


def _digest(raw: dict, name: str, where: str) -> str:
    digest = str(raw.get("sha256", "")).lower()
    if not SHA256.fullmatch(digest):
        raise LoadError(where, None, "manifest sha256",
                        f"{name}: sha256 must be 64 hexadecimal digits")
    return digest


def _sums(raw: dict, name: str, entity: Entity,
          where: str) -> tuple[Decimal | None, Decimal | None]:
    if not entity.amount_column:
        return None, None
    sums = raw.get("control_sums")
    if not isinstance(sums, dict) or "debit" not in sums or "credit" not in sums:
        raise LoadError(where, None, "manifest control sum",
                        f"{name}: control_sums with debit and credit are required")
    return (parse_amount(sums["debit"], f"{name}: the debit control sum", where),
            parse_amount(sums["credit"], f"{name}: the credit control sum", where))


def _sie_entry(raw: dict, name: str, entity: Entity, where: str) -> FileEntry:
    """A SIE 4 file: the ledger's lines, budget or opening balances; its encoding is what
    #FORMAT declares (pc8) unless the manifest states another."""
    if entity.table not in SIE_ENTITIES:
        raise LoadError(where, None, "manifest format",
                        f"{name}: {entity.table} cannot be delivered as SIE 4 "
                        f"(only {', '.join(SIE_ENTITIES)})")
    encoding = str(raw.get("encoding", "pc8")).lower()
    if encoding not in SIE_ENCODINGS:
        raise LoadError(where, None, "encoding",
                        f"{name}: a SIE file's encoding must be one of "
                        f"{', '.join(SIE_ENCODINGS)}, the manifest declares "
                        f"{printable(encoding, 40)}")
    debit, credit = _sums(raw, name, entity, where)
    return FileEntry(name, entity, encoding, parse_rows(raw.get("rows"), where),
                     _digest(raw, name, where), debit, credit, SIE_FORMAT)


def read_manifest(folder: Path) -> Delivery:
    where = printable(folder / MANIFEST)
    data = read_in(folder, MANIFEST, MAX_MANIFEST_BYTES, "the manifest")
    if json_depth(data) > MAX_MANIFEST_DEPTH:
        raise LoadError(where, None, "manifest too deep",
                        f"the manifest nests deeper than {MAX_MANIFEST_DEPTH} levels")
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError, ValueError) as e:
        raise LoadError(where, None, "manifest",
                        f"unreadable manifest: {printable(e, 200)}") from None
    if not isinstance(manifest, dict):
        raise LoadError(where, None, "manifest", "the manifest must be a JSON object")
    system = manifest.get("system")
    if system not in SYSTEMS:
        raise LoadError(where, None, "manifest system",
                        f"unknown system {printable(system, 40)!r} "
                        f"(known: {', '.join(SYSTEMS)})")
    period = str(manifest.get("period", ""))
    if not PERIOD.fullmatch(period):
        raise LoadError(where, None, "manifest period",
                        f"period must be YYYY-MM, found {printable(period, 40)!r}")
    if "delivered_at" not in manifest:
        raise LoadError(where, None, "manifest delivered_at",
                        "delivered_at is missing: it decides which delivery of a period is "
                        "current")
    files = manifest.get("files")
    if not isinstance(files, list):
        raise LoadError(where, None, "manifest file list", "files must be a list")
    entries = tuple(_entry(f, system, where) for f in files)
    names = [e.file for e in entries]
    if len(set(names)) != len(names):
        raise LoadError(where, None, "manifest file list", "a file is listed twice")
    return Delivery(folder, hashlib.sha256(data).hexdigest(), system, period,
                    parse_time(manifest["delivered_at"], where), entries)
