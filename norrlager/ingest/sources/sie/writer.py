"""Write ledger lines as a SIE 4 file (type 4I: vouchers), the way norrlager's SIE reader and
seed sie_dimensions read them back: what the demo's ledger delivers when it speaks SIE, and a
file a region can compare its own program's export with.

Each verification `series-number` of the extract becomes `#VER series number date "" `, its
lines `#TRANS account {1 ansvar 20 verksamhet 21 motpart} amount date "text"` in their order,
in code page 437 (`#FORMAT PC8`), with #KSUMMA.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from norrlager.ingest.sources.sie.encoding import CP437
from norrlager.ingest.sources.sie.tokens import checksum_text, split_line

PROGRAM = "Norrlager"


def quoted(value: str) -> str:
    return '"' + value.replace('"', '\\"') + '"'


def _crc(record: str, crc: int) -> int:
    """#KSUMMA after one more record: the reader's own rule (tokens.checksum_text)."""
    return zlib.crc32(checksum_text(split_line(record)).encode(CP437), crc)


def write_ledger_sie(path: Path, lines: Iterable[dict[str, str]], company: str,
                     fiscal_year: int, accounts: dict[str, str],
                     dimensions: dict[str, str], generated: date) -> int:
    """Write `lines` (the ledger extract's columns, amounts with a decimal comma; in voucher
    order) to `path`; `dimensions`: SIE dimension number -> ledger column. Returns the rows."""
    records: list[tuple[str, list[str]]] = [
        ("#FLAGGA", ["0"]), ("#PROGRAM", [quoted(PROGRAM), "1"]), ("#FORMAT", ["PC8"]),
        ("#GEN", [generated.strftime("%Y%m%d")]), ("#SIETYP", ["4"]),
        ("#FNAMN", [quoted(company)]),
        ("#RAR", ["0", f"{fiscal_year}0101", f"{fiscal_year}1231"]),
        ("#KPTYP", ["EUBAS97"])]
    names = {"1": "Ansvar", "20": "Verksamhet", "21": "Motpart"}
    records += [("#DIM", [d, quoted(names.get(d, column))]) for d, column in dimensions.items()]
    records += [("#KONTO", [a, quoted(n)]) for a, n in sorted(accounts.items())]
    body: list[str] = []
    head = [" ".join([label, *f]) for label, f in records]
    crc = 0
    for record in head:
        crc = _crc(record, crc)
    current, rows = None, 0
    for line in lines:
        if line["verifikation"] != current:
            if current is not None:
                body.append("}")
            current = line["verifikation"]
            series, _, number = current.rpartition("-")
            day = line["bokforingsdatum"].replace("-", "")
            ver = " ".join(["#VER", quoted(series), quoted(number), day, '""'])
            body += [ver, "{"]
            crc = _crc(ver, crc)
        objects = " ".join(f"{d} {quoted(line[c])}" for d, c in dimensions.items() if line[c])
        fields = [line["konto"], "{" + objects + "}", line["belopp"].replace(",", "."),
                  line["bokforingsdatum"].replace("-", ""), quoted(line["text"] or "")]
        body.append(" ".join(["#TRANS", *fields]))
        crc = _crc(body[-1], crc)
        rows += 1
    if current is not None:
        body.append("}")
    text = "\r\n".join(["#KSUMMA", *head, *body, f"#KSUMMA {crc}"]) + "\r\n"
    path.write_bytes(text.encode(CP437))
    return rows
