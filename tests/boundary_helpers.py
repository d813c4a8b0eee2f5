"""Small deliveries written as a source system writes them, with a manifest computed in plain
Python (independently of the loader's own arithmetic)."""

from __future__ import annotations

import hashlib
import json
import tempfile
from decimal import Decimal
from pathlib import Path

import duckdb

from norrlager.ingest.contracts import Entity, entity_for
from norrlager.ingest.loader import LoadReport, load_landing
from norrlager.ingest.pseudonym import PseudonymKey

LEDGER_HEADER = ("verifikation;rad;bokforingsdatum;period;konto;ansvar;verksamhet;motpart;belopp;"
                 "text")


def ledger_rows(period: str, n: int = 2, start: int = 1) -> list[str]:
    """n balanced verifications of two lines each."""
    rows = []
    for v in range(start, start + n):
        amount = f"{100 + v},50"
        rows.append(f"LF{period[:4]}-{v:07d};1;{period}-03;{period};6110;020101;120;EXT-LEV;"
                    f"{amount};Leverantörsfaktura {v}")
        rows.append(f"LF{period[:4]}-{v:07d};2;{period}-03;{period};2410;020101;120;EXT-LEV;"
                    f"-{amount};Leverantörsfaktura {v}")
    return rows


def csv_bytes(header: str, rows: list[str], encoding: str = "utf-8") -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode(encoding)


def entry_for(path: Path, entity: Entity) -> dict:
    data = path.read_bytes()
    lines = data.decode(entity.encoding, "replace").splitlines()[1:]
    entry = {"file": path.name, "entity": entity.name, "encoding": entity.encoding,
             "rows": len(lines), "sha256": hashlib.sha256(data).hexdigest()}
    if entity.amount_column:
        i = entity.column_names.index(entity.amount_column)
        amounts = []
        for line in lines:
            fields = line.split(";")
            try:
                amounts.append(Decimal(fields[i].replace(",", ".")))
            except Exception:  # a malformed line: its manifest is what the sender computed
                continue
        entry["control_sums"] = {"debit": str(sum((a for a in amounts if a > 0), Decimal(0))),
                                 "credit": str(-sum((a for a in amounts if a < 0), Decimal(0)))}
    return entry


def deliver(landing: Path, system: str, period: str, files: dict[str, tuple[str, bytes]],
            delivered_at: str | None = None, folder: str | None = None) -> Path:
    """files: name -> (entity, bytes). Returns the delivery folder."""
    where = landing / system / (folder or period)
    where.mkdir(parents=True, exist_ok=True)
    entries = []
    for name, (entity_name, data) in files.items():
        (where / name).write_bytes(data)
        entries.append(entry_for(where / name, entity_for(system, entity_name)))
    manifest = {"system": system, "period": period,
                "delivered_at": delivered_at or f"{period}-28T06:00:00+00:00", "files": entries}
    (where / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return where


def load(warehouse: Path, landing: Path, **kw) -> LoadReport:
    return load_landing(warehouse, landing, progress=lambda _m: None, **kw)


def rows(warehouse: Path, table: str = "ledger_lines") -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(f"select * exclude (_loaded_at) from raw.{table} order by all"
                           ).fetchall()


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def loaded_january(tmp_path: Path) -> tuple[Path, Path]:
    """(landing, warehouse): a warehouse holding one good January of the ledger."""
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    deliver(landing, "ledger", "2023-01", {"lines.csv": ("lines", csv_bytes(
        LEDGER_HEADER, ledger_rows("2023-01")))})
    report = load(warehouse, landing)
    assert report.rows == 4 and not report.rejected
    return landing, warehouse


# The property-based suites' shared start: one key, one good January, copied per example.
PROPERTY_KEY = PseudonymKey(b"property-test-key-32-bytes-long!", "test")


def raw_tables(warehouse: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = [t for (t,) in con.execute("select table_name from duckdb_tables() "
                                            "where schema_name = 'raw'").fetchall()]
        return {t: con.execute(f"select * exclude (_loaded_at) from raw.{t} order by all"
                               ).fetchall() for t in tables}


BASE: dict[str, Path] = {}


def base_warehouse() -> Path:
    """A warehouse holding a good January ledger, made once and copied for every example."""
    if "wh" not in BASE:
        root = Path(tempfile.mkdtemp(prefix="norrlager-prop-"))
        deliver(root / "landing", "ledger", "2023-01", {"jan.csv": ("lines", csv_bytes(
            LEDGER_HEADER, ledger_rows("2023-01")))})
        report = load_landing(root / "wh.duckdb", root / "landing", progress=lambda _m: None,
                              key=PROPERTY_KEY)
        assert report.rows == 4
        BASE["wh"], BASE["landing"] = root / "wh.duckdb", root / "landing"
    return BASE["wh"]
