"""A SIE 4 file as a ledger delivery: its rows as the fields of the ledger's CSV extracts, so
that every rule of the boundary (types, references, balanced verifications, keys, control sums,
free text) applies to them unchanged, each error naming the SIE file's own line.

The mapping, in one place. The ledger's lines (`ledger_lines`) are the vouchers:
- verifikation: the voucher's series and number, as `series-number` (only the number when the
  series is empty); rad: the row's position among the voucher's counted rows (1, 2, ...).
- bokforingsdatum: the row's transaction date, or the voucher's date; period: its month.
- konto: the account; belopp: the amount; text: the row's text, or the voucher's.
- ansvar, verksamhet, motpart: the objects of the SIE dimensions that seed sie_dimensions maps
  to them (a region fills that seed in: which dimension number its program exports its cost
  centre, activity and counterparty as). Objects of other declared dimensions (a project, an
  employee) are not loaded; an object of an undeclared dimension rejects the file.
The budget (`ledger_budget`) is `#PBUDGET` of the fiscal year (`#RAR 0`): ar, period (YYYYMM
as YYYY-MM), konto, the objects as above, belopp. The opening balances
(`ledger_opening_balances`) are `#OIB` of the fiscal year per cost centre (datum: its first
day); a file with `#IB` only has no cost centre, which the contract requires, and is rejected
naming the column.
Any finding of the reader rejects the file (a bad amount, a broken checksum, an unknown
account, an #RTRANS without its copy), and so does an encoding that contradicts #FORMAT unless
the delivery's manifest states it.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from norrlager.ingest.contracts import Entity
from norrlager.ingest.errors import LoadError
from norrlager.ingest.sources.sie.model import FiscalYear, Row, SieFile, Voucher
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


def _objects(objects: tuple[tuple[str, str], ...], dims: dict[str, str]) -> dict[str, str]:
    values = {"ansvar": "", "verksamhet": "", "motpart": ""}
    for dim, obj in objects:
        if dim in dims:
            values[dims[dim]] = obj
    return values


def _fiscal_year(sf: SieFile, file: str) -> FiscalYear:
    year = next((y for y in sf.fiscal_years if y.index == 0), None)
    if year is None:
        raise LoadError(file, None, "SIE year", "no #RAR 0: the file's fiscal year is unknown")
    return year


def budget_rows(sf: SieFile, entity: Entity, file: str) -> list[tuple[int, list[str]]]:
    """(line, fields) of every #PBUDGET of the fiscal year."""
    dims, names, out = dimension_columns(), entity.column_names, []
    start = _fiscal_year(sf, file).start
    for b in sf.balances:
        if b.kind == "PBUDGET" and b.year == 0 and b.period:
            values = {"ar": str(start.year), "period": f"{b.period[:4]}-{b.period[4:]}",
                      "konto": b.account, "belopp": format(b.amount, "f").replace(".", ","),
                      **_objects(b.objects, dims)}
            out.append((b.line, [values[n] for n in names]))
    return out


def opening_rows(sf: SieFile, entity: Entity, file: str) -> list[tuple[int, list[str]]]:
    """(line, fields) of every opening balance of the fiscal year: #OIB, or #IB if none."""
    dims, names, out = dimension_columns(), entity.column_names, []
    start = _fiscal_year(sf, file).start
    kind = "OIB" if any(b.kind == "OIB" for b in sf.balances) else "IB"
    for b in sf.balances:
        if b.kind == kind and b.year == 0:
            values = {"datum": start.isoformat(), "konto": b.account,
                      "belopp": format(b.amount, "f").replace(".", ","),
                      **_objects(b.objects, dims)}
            out.append((b.line, [values[n] for n in names]))
    return out


def ledger_rows(sf: SieFile, entity: Entity, file: str = "") -> list[tuple[int, list[str]]]:
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
                      "text": row.text or v.text, **_objects(row.objects, dims)}
            out.append((row.line, [values[n] for n in names]))
    return out


ROWS = {"ledger_lines": ledger_rows, "ledger_budget": budget_rows,
        "ledger_opening_balances": opening_rows}


def read_ledger_sie(con: duckdb.DuckDBPyConnection, entity: Entity, data: bytes, file: str,
                    encoding: str | None) -> None:
    """Read a SIE file's rows into `_sie_fields(line_no, fields)`, a list of texts in the
    order of the entity's CSV columns.
    `encoding`: as the manifest states it (None or 'pc8': what #FORMAT declares)."""
    rows_of = ROWS.get(entity.table)
    if rows_of is None:
        raise LoadError(file, None, "format", f"{entity.table} cannot be delivered as SIE 4")
    stated = None if encoding in (None, "pc8") else encoding
    try:
        sf = read_sie(data, file, stated)
    except SieFileError as e:
        raise LoadError(file, None, "SIE file", str(e).removeprefix(f"{file}: ")) from None
    if sf.findings:
        f = sf.findings[0]
        more = f" (and {len(sf.findings) - 1} more findings)" if len(sf.findings) > 1 else ""
        raise LoadError(file, f.line, f"SIE {f.rule}", f.message + more)
    rows = rows_of(sf, entity, file)
    frame = pd.DataFrame({"line_no": pd.Series([n for n, _ in rows], dtype="int64"),
                          "fields": pd.Series([f for _, f in rows], dtype="object")})
    con.register("_sie_rows", frame)
    try:
        con.execute("create or replace temp table _sie_fields as "
                    "select line_no, cast(fields as varchar[]) as fields from _sie_rows")
    finally:
        con.unregister("_sie_rows")
