"""Write the ledger as a SIE 4 file (vouchers, budget, opening balances), the way norrlager's
SIE reader and seed sie_dimensions read them back: what the demo's ledger delivers when it
speaks SIE, and a file a region can compare its own program's export with.

Each verification `series-number` of the extract becomes `#VER series number date ""`, its
lines `#TRANS account {1 ansvar 20 verksamhet 21 motpart} amount date "text"` in their order;
budget rows `#PBUDGET 0 YYYYMM account {objects} amount`; opening balances `#OIB 0 account
{1 ansvar} amount` (and their sum per account as `#IB`); in code page 437 (`#FORMAT PC8`), with
#KSUMMA.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path

from norrlager.ingest.sources.sie.encoding import CP437
from norrlager.ingest.sources.sie.tokens import checksum_text, split_line

PROGRAM = "Norrlager"


def quoted(value: str) -> str:
    return '"' + value.replace('"', '\\"') + '"'


def _crc(record: str, crc: int) -> int:
    """#KSUMMA after one more record: the reader's own rule (tokens.checksum_text)."""
    return zlib.crc32(checksum_text(split_line(record)).encode(CP437), crc)


def _objects(row: dict[str, str], dimensions: dict[str, str]) -> str:
    return "{" + " ".join(f"{d} {quoted(row[c])}" for d, c in dimensions.items()
                          if row.get(c)) + "}"


def _amount(row: dict[str, str]) -> str:
    return row["belopp"].replace(",", ".")


def _vouchers(lines: Iterable[dict[str, str]], dimensions: dict[str, str]) -> list[str]:
    """#VER and #TRANS records of ledger lines (in voucher order)."""
    body: list[str] = []
    current = None
    for line in lines:
        if line["verifikation"] != current:
            if current is not None:
                body.append("}")
            current = line["verifikation"]
            series, _, number = current.rpartition("-")
            day = line["bokforingsdatum"].replace("-", "")
            body += [" ".join(["#VER", quoted(series), quoted(number), day, '""']), "{"]
        body.append(" ".join(["#TRANS", line["konto"], _objects(line, dimensions),
                              _amount(line), line["bokforingsdatum"].replace("-", ""),
                              quoted(line["text"] or "")]))
    if current is not None:
        body.append("}")
    return body


def write_ledger_sie(path: Path, company: str, fiscal_year: int, accounts: dict[str, str],
                     dimensions: dict[str, str], generated: date,
                     lines: Iterable[dict[str, str]] = (),
                     budget: Iterable[dict[str, str]] = (),
                     opening: Iterable[dict[str, str]] = ()) -> None:
    """Write one SIE 4 file of the fiscal year: the ledger's `lines` as vouchers (in voucher
    order), its `budget` as #PBUDGET, its `opening` balances as #OIB per cost centre (and #IB
    per account); each a list of the CSV extract's rows (amounts with a decimal comma).
    `dimensions`: SIE dimension number -> ledger column."""
    names = {"1": "Ansvar", "20": "Verksamhet", "21": "Motpart"}
    head = ["#FLAGGA 0", f"#PROGRAM {quoted(PROGRAM)} 1", "#FORMAT PC8",
            f"#GEN {generated:%Y%m%d}", "#SIETYP 4", f"#FNAMN {quoted(company)}",
            f"#RAR 0 {fiscal_year}0101 {fiscal_year}1231", "#KPTYP EUBAS97"]
    head += [f"#DIM {d} {quoted(names.get(d, c))}" for d, c in dimensions.items()]
    head += [f"#KONTO {a} {quoted(n)}" for a, n in sorted(accounts.items())]
    opening = list(opening)
    per_account: dict[str, Decimal] = {}
    for row in opening:
        per_account[row["konto"]] = per_account.get(row["konto"], Decimal(0)) + Decimal(
            _amount(row))
    body = [f"#IB 0 {a} {t}" for a, t in sorted(per_account.items())]
    body += [f"#OIB 0 {r['konto']} {_objects(r, dimensions)} {_amount(r)}" for r in opening]
    body += [f"#PBUDGET 0 {r['period'].replace('-', '')} {r['konto']} "
             f"{_objects(r, dimensions)} {_amount(r)}" for r in budget]
    body += _vouchers(lines, dimensions)
    crc = 0
    for record in head + body:
        if record not in ("{", "}"):
            crc = _crc(record, crc)
    text = "\r\n".join(["#KSUMMA", *head, *body, f"#KSUMMA {crc}"]) + "\r\n"
    path.write_bytes(text.encode(CP437))
