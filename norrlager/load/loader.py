"""Load delivered extracts into the warehouse's `raw` schema.

A delivery is a folder `landing/<system>/<period>/` with a `manifest.json` and the files it lists.
Each file is checked against its entity's declaration (norrlager.contracts) and its manifest
before anything is written. Then, in one transaction, its rows replace whatever an earlier
delivery held for the same period, and the load log records it. An identical re-delivery (same
sha256) is a no-op. A file that breaks a rule is recorded in `audit.quarantine`, and nothing it
held reaches `raw`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from norrlager.contracts import ENTITIES, Entity, entity_for
from norrlager.load import checks
from norrlager.load.checks import LoadError
from norrlager.simulate.extracts import MANIFEST, sha256

# A file whose checksum differs from its manifest's, or that the manifest lists but is not there
# yet, may still be on its way: worth another attempt. Every other rule is bad data.
TRANSIENT_RULES = {"manifest sha256", "manifest file list"}
SQL_TYPES = {"integer": "integer", "decimal": "decimal(18, 2)", "date": "date",
             "varchar": "varchar", "period": "varchar", "weight": "decimal(18, 4)"}
# UTF-8 encodings of Å, Ä, Ö, å, ä, ö, é: what a UTF-8 file shows when read as Latin-1.
MOJIBAKE = re.compile(rb"\xc3[\x85\x84\x96\xa5\xa4\xb6\xa9]")


@dataclass
class LoadReport:
    loaded: list[tuple[str, int]] = field(default_factory=list)  # (file, rows)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[LoadError] = field(default_factory=list)

    @property
    def transient(self) -> list[LoadError]:
        """Rejections a later attempt may not meet: a file still being written."""
        return [e for e in self.rejected if e.rule in TRANSIENT_RULES]

    @property
    def rows(self) -> int:
        return sum(n for _, n in self.loaded)


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists raw")
    con.execute("create schema if not exists audit")
    for entity in ENTITIES.values():
        cols = ", ".join(f"{n} {SQL_TYPES[t]}" for n, t in entity.columns)
        con.execute(f"""create table if not exists raw.{entity.table} ({cols},
            _delivery_key varchar not null, _file varchar not null, _sha256 varchar not null,
            _line_no bigint not null, _loaded_at timestamp not null)""")
    con.execute("""create table if not exists audit.load_log (
        system varchar, entity varchar, delivery_key varchar, file varchar, sha256 varchar,
        rows bigint, control_debit decimal(18, 2), control_credit decimal(18, 2),
        loaded_at timestamp, status varchar)""")
    con.execute("""create table if not exists audit.quarantine (
        file varchar, sha256 varchar, line bigint, rule varchar, message varchar,
        rejected_at timestamp)""")


def _read_lines(con: duckdb.DuckDBPyConnection, path: Path, encoding: str, file: str) -> None:
    data = path.read_bytes()
    try:
        data.decode(encoding)
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise LoadError(file, line, "encoding",
                        f"byte 0x{data[e.start]:02x} is not valid {encoding}; the manifest "
                        f"declares {encoding}") from None
    if encoding != "utf-8":
        # Every byte is valid Latin-1, so a UTF-8 file declared Latin-1 decodes without error;
        # its Swedish letters show up as two-byte sequences (å = C3 A5) instead.
        at = MOJIBAKE.search(data)
        if at:
            line = data.count(b"\n", 0, at.start()) + 1
            raise LoadError(file, line, "encoding",
                            f"the file looks like UTF-8 (bytes {at.group().hex(' ')}), the "
                            f"manifest declares {encoding}")
    enc = "latin-1" if encoding in {"latin-1", "iso-8859-1"} else "utf-8"
    con.execute(f"""create or replace temp table _lines as
        select row_number() over () as line_no, raw
        from read_csv('{path}', columns = {{'raw': 'varchar'}}, header = false,
                      delim = chr(31), quote = '', escape = '', encoding = '{enc}')""")


def _validate(con, entity: Entity, path: Path, entry: dict, period: str) -> str:
    file = str(path)
    if entry.get("encoding", entity.encoding) != entity.encoding:
        raise LoadError(file, None, "encoding", f"{entity.table} is delivered in "
                        f"{entity.encoding}, the manifest declares {entry.get('encoding')}")
    _read_lines(con, path, entity.encoding, file)
    checks.check_header(con, entity, file)
    checks.split_fields(con)
    checks.check_shape(con, entity, file)
    checks.check_types(con, entity, file)
    checks.check_references(con, entity, file)
    key = checks.check_period(con, entity, file, period)
    checks.check_balanced(con, entity, file)
    checks.check_manifest_totals(con, entity, file, entry)
    return key


def _apply(con, entity: Entity, path: Path, digest: str, key: str, entry: dict) -> int:
    """Replace the period's rows and log the load, all or nothing."""
    typed = ", ".join(checks.typed_expr(n, t, i) for i, (n, t) in enumerate(entity.columns))
    sums = entry.get("control_sums", {})
    con.execute("begin transaction")
    try:
        con.execute(f"delete from raw.{entity.table} where _delivery_key = ?", [key])
        con.execute(f"""insert into raw.{entity.table}
            select {typed}, ? as _delivery_key, ? as _file, ? as _sha256, line_no as _line_no,
                   current_localtimestamp() as _loaded_at
            from _fields order by line_no""", [key, path.name, digest])
        con.execute("""update audit.load_log set status = 'superseded'
            where system = ? and entity = ? and delivery_key = ? and status = 'loaded'""",
                    [entity.system, entity.name, key])
        con.execute("""insert into audit.load_log values
            (?, ?, ?, ?, ?, ?, ?, ?, current_localtimestamp(), 'loaded')""",
                    [entity.system, entity.name, key, path.name, digest, entry["rows"],
                     sums.get("debit"), sums.get("credit")])
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return int(entry["rows"])


def _already_loaded(con, entity: Entity, digest: str) -> bool:
    return con.execute("""select count(*) from audit.load_log where system = ? and entity = ?
        and sha256 = ? and status = 'loaded'""", [entity.system, entity.name, digest]
                       ).fetchone()[0] > 0


def _quarantine(con, err: LoadError, digest: str | None) -> None:
    con.execute("insert into audit.quarantine values (?, ?, ?, ?, ?, current_localtimestamp())",
                [err.file, digest, err.line, err.rule, err.message])


def load_file(con, folder: Path, manifest: dict, entry: dict) -> tuple[str, int]:
    """Load one file of a delivery. Returns ('loaded'|'unchanged', rows)."""
    path = folder / entry["file"]
    digest = None
    try:
        entity = entity_for(manifest["system"], entry["entity"])
        if not path.exists():
            raise LoadError(str(path), None, "manifest file list",
                            "the manifest lists this file but it was not delivered")
        digest = sha256(path)
        if digest != entry.get("sha256"):
            raise LoadError(str(path), None, "manifest sha256",
                            "the file's checksum differs from the manifest's: changed or "
                            "half-written after the manifest was made")
        if _already_loaded(con, entity, digest):
            return "unchanged", 0
        key = _validate(con, entity, path, entry, manifest["period"])
        return "loaded", _apply(con, entity, path, digest, key, entry)
    except LoadError as err:
        _quarantine(con, err, digest)
        raise
    except KeyError as err:
        le = LoadError(str(path), None, "manifest", str(err))
        _quarantine(con, le, digest)
        raise le from None


def deliveries(landing: Path, systems: list[str] | None = None,
               up_to: str | None = None) -> list[Path]:
    """Delivery folders in the order they must load: by system, then period; optionally only
    some systems and periods up to and including `up_to` (YYYY-MM)."""
    folders = sorted(p.parent for p in landing.glob(f"*/*/{MANIFEST}"))
    return [f for f in folders
            if (systems is None or f.parent.name in systems)
            and (up_to is None or f.name <= up_to)]


def delivered_periods(landing: Path) -> list[str]:
    """Every period some system has delivered, in order."""
    return sorted({folder.name for folder in deliveries(landing)})


def load_delivery(con, folder: Path, report: LoadReport) -> None:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        err = LoadError(str(folder / MANIFEST), None, "manifest", f"unreadable manifest: {e}")
        _quarantine(con, err, None)
        report.rejected.append(err)
        return
    for entry in manifest.get("files", []):
        try:
            status, rows = load_file(con, folder, manifest, entry)
        except LoadError as err:
            report.rejected.append(err)
            continue
        if status == "loaded":
            report.loaded.append((entry["file"], rows))
        else:
            report.unchanged.append(entry["file"])


def load_landing(warehouse: Path, landing: Path, progress: Callable[[str], None] = print,
                 systems: list[str] | None = None, up_to: str | None = None) -> LoadReport:
    """Load every new or corrected delivery (of the given systems, up to a period)."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    report = LoadReport()
    folders = deliveries(landing, systems, up_to)
    with duckdb.connect(str(warehouse)) as con:
        # Each file commits on its own (the WAL keeps it durable); checkpointing once at the end
        # instead of after every large file keeps a backfill's load time linear.
        con.execute("set checkpoint_threshold = '1GB'")
        ensure_schema(con)
        for i, folder in enumerate(folders, 1):
            load_delivery(con, folder, report)
            if i % 12 == 0 or i == len(folders):
                progress(f"  loaded {i}/{len(folders)} deliveries "
                         f"({report.rows:,} rows new, {len(report.unchanged)} files unchanged)")
        con.execute("checkpoint")
    return report
