"""A SIE 4 file as a ledger delivery: its rows as the fields of the ledger's CSV extract, so that
every rule of the boundary (types, references, balanced verifications, keys, control sums, free
text) applies to them unchanged, each error naming the SIE file's own line.

The mapping, in one place:
- verifikation: the voucher's series and number, as `series-number` (only the number when the
  series is empty); rad: the row's position among the voucher's counted rows (1, 2, ...).
- bokforingsdatum: the row's transaction date, or the voucher's date; period: its month.
- konto: the account; belopp: the amount; text: the row's text, or the voucher's.
- ansvar, verksamhet, motpart: the objects of the SIE dimensions that seed sie_dimensions maps
  to them (a region fills that seed in: which dimension number its program exports its cost
  centre, activity and counterparty as). Objects of other declared dimensions (a project, an
  employee) are not loaded; an object of an undeclared dimension rejects the file.
Any finding of the reader rejects the file (a bad amount, a broken checksum, an unknown
account, an #RTRANS without its copy), and so does an encoding that contradicts #FORMAT unless
the delivery's manifest states it.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from norrlager.ingest.contracts import Entity
from norrlager.ingest.errors import LoadError
from norrlager.ingest.sources.sie.model import Row, SieFile, Voucher
from norrlager.ingest.sources.sie.reader import SieFileError, read_sie
from norrlager.reference import read_seed

FORMAT = "sie4"
SUFFIXES = (".se", ".si")


def dimension_columns() -> dict[str, str]:
    """SIE dimension number -> the ledger column its objects fill (seed sie_dimensions)."""
    return {r["dimension"]: r["ledger_column"] for r in read_seed("sie_dimensions")}


def verification(v: Voucher) -> str:
    return f"{v.series}-{v.number}" if v.series else v.number


def _amount(row: Row) -> str:
    return format(row.amount, "f").replace(".", ",")


def ledger_rows(sf: SieFile, entity: Entity) -> list[tuple[int, list[str]]]:
    """(line, fields in the entity's column order) of every counted row."""
    dims = dimension_columns()
    names = entity.column_names
    out = []
    for v in sf.vouchers:
        for rad, row in enumerate(v.counted, start=1):
            day = row.date or v.date
            values = {"verifikation": verification(v), "rad": str(rad),
                      "bokforingsdatum": day.isoformat(), "period": day.isoformat()[:7],
                      "konto": row.account, "belopp": _amount(row),
                      "text": row.text or v.text, "ansvar": "", "verksamhet": "", "motpart": ""}
            for dim, obj in row.objects:
                if dim in dims:
                    values[dims[dim]] = obj
            out.append((row.line, [values[n] for n in names]))
    return out


def read_ledger_sie(con: duckdb.DuckDBPyConnection, entity: Entity, data: bytes, file: str,
                    encoding: str | None) -> None:
    """Read a SIE file's rows into `_fields(line_no, fields)` as the CSV reader would.
    `encoding`: as the manifest states it (None or 'pc8': what #FORMAT declares)."""
    if entity.table != "ledger_lines":
        raise LoadError(file, None, "format", f"{entity.table} cannot be delivered as SIE 4 "
                                              "(only the ledger's lines)")
    stated = None if encoding in (None, "pc8") else encoding
    try:
        sf = read_sie(data, file, stated)
    except SieFileError as e:
        raise LoadError(file, None, "SIE file", str(e).removeprefix(f"{file}: ")) from None
    if sf.findings:
        f = sf.findings[0]
        more = f" (and {len(sf.findings) - 1} more findings)" if len(sf.findings) > 1 else ""
        raise LoadError(file, f.line, f"SIE {f.rule}", f.message + more)
    rows = ledger_rows(sf, entity)
    frame = pd.DataFrame({"line_no": pd.Series([n for n, _ in rows], dtype="int64"),
                          "fields": pd.Series([f for _, f in rows], dtype="object")})
    con.register("_sie_rows", frame)
    try:
        con.execute("create or replace temp table _fields as "
                    "select line_no, cast(fields as varchar[]) as fields from _sie_rows")
    finally:
        con.unregister("_sie_rows")
