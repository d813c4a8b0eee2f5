"""SIE 4 files written for the tests, in the many ways programs write them, and a small parse
of their rows independent of the reader (a regular expression per field)."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Style:
    """How a program writes: blanks between fields, quoting, where braces stand, line ends."""
    sep: str = " "
    quote_all: bool = False
    braces: str = "own"  # own | trailing (#VER ... { and last #TRANS ... }) | leading ({ #TRANS)
    crlf: bool = False
    object_sep: str = " "
    quote_dims: bool = False


@dataclass(frozen=True)
class SieRow:
    account: str
    amount: Decimal
    objects: tuple[tuple[str, str], ...] = ()
    text: str = ""
    kind: str = "TRANS"


@dataclass(frozen=True)
class SieVoucher:
    series: str
    number: str
    date: str
    text: str
    rows: tuple[SieRow, ...]


def field(value: str, style: Style) -> str:
    bare = value and re.fullmatch(r"[^\s\"{}]+", value)
    if bare and not style.quote_all:
        return value
    return '"' + value.replace('"', '\\"') + '"'


def objects(pairs: tuple[tuple[str, str], ...], style: Style) -> str:
    parts = []
    for dim, obj in pairs:
        parts += [f'"{dim}"' if style.quote_dims else dim, field(obj, style)]
    return "{" + style.object_sep.join(parts) + "}"


def write(vouchers: list[SieVoucher], style: Style = Style(), header: list[str] | None = None,
          encoding: str = "cp437", checksum: bool = False) -> bytes:
    s = style.sep
    lines = header if header is not None else [
        "#FLAGGA 0", '#PROGRAM "Testprogram" 1.0', "#FORMAT PC8", "#GEN 20240110", "#SIETYP 4",
        '#FNAMN "Region Testlän"', "#RAR 0 20230101 20231231", "#KPTYP EUBAS97",
        '#DIM 1 "Ansvar"', '#DIM 20 "Verksamhet"', '#OBJEKT 1 "010101" "Vårdcentral Ö"']
    lines = list(lines)
    for v in vouchers:
        ver = s.join(["#VER", field(v.series, style), field(v.number, style), v.date,
                      field(v.text, style)])
        rows = [s.join([f"#{r.kind}", field(r.account, style), objects(r.objects, style),
                        str(r.amount), '""', field(r.text, style)])
                for r in v.rows]
        if style.braces == "own":
            lines += [ver, "{", *rows, "}"]
        elif style.braces == "trailing":
            lines += [ver + s + "{", *rows[:-1], rows[-1] + s + "}"] if rows else \
                [ver + s + "{", "}"]
        else:
            lines += [ver, *(["{ " + rows[0], *rows[1:]] if rows else ["{"]), "}"]
    if checksum:
        crc = 0
        for line in lines:
            crc = zlib.crc32(checksum_text(line).encode(encoding), crc)
        lines = ["#KSUMMA", *lines, f"#KSUMMA {crc}"]
    end = "\r\n" if style.crlf else "\n"
    return (end.join(lines) + end).encode(encoding)


TOKEN = re.compile(r'"(?P<quoted>(?:\\"|[^"])*)"|\{(?P<inner>[^}]*)\}|(?P<bare>[^\s{}"]+)')


def tokens(line: str) -> list[str]:
    """The fields of a record line as the test reads them: quoted text unescaped, an object
    list as its inner words joined without blanks or quotes."""
    out = []
    for m in TOKEN.finditer(line):
        if m.lastgroup == "inner":
            out.append("".join(w.strip('"') for w in re.findall(r'"[^"]*"|[^\s"]+',
                                                                m["inner"])))
        elif m.lastgroup == "bare":
            out.append(m["bare"])
        else:
            out.append(m["quoted"].replace('\\"', '"'))
    return out


def checksum_text(line: str) -> str:
    body = line.strip().strip("{}").strip()
    return "".join(tokens(body)) if body.startswith("#") else ""


def rows_by_parse(data: bytes, encoding: str = "cp437") -> list[tuple[str, Decimal]]:
    """(account, amount) of every row that counts: #TRANS, #RTRANS without its copy."""
    out: list[tuple[str, Decimal]] = []
    skip = None
    for line in data.decode(encoding).splitlines():
        body = line.strip().lstrip("{").strip()
        label = body.split(maxsplit=1)[0] if body.startswith("#") else ""
        if label not in ("#TRANS", "#RTRANS"):
            skip = None
            continue
        words = tokens(body.rstrip("}"))
        row = (words[1], Decimal(words[3].replace(",", ".")))  # as the sender sums it
        if label == "#TRANS" and skip == body.replace("#TRANS", "", 1):
            skip = None
            continue
        skip = body.replace("#RTRANS", "", 1) if label == "#RTRANS" else None
        out.append(row)
    return out


def mutated(data: bytes, edits: list[tuple[str, int, int, int]]) -> bytes:
    """A file with edits applied line-wise: (what, line, position, byte), what one of delete,
    duplicate, swap (with line `position`), byte (set at `position`) or cut (at `position`)."""
    lines = data.split(b"\n")
    for what, i, j, b in edits:
        i %= len(lines)
        if what == "delete":
            del lines[i]
        elif what == "duplicate":
            lines.insert(i, lines[i])
        elif what == "swap":
            k = j % len(lines)
            lines[i], lines[k] = lines[k], lines[i]
        elif what == "byte" and lines[i]:
            k = j % len(lines[i])
            lines[i] = lines[i][:k] + bytes([b]) + lines[i][k + 1:]
        elif what == "cut":
            lines[i] = lines[i][:j % (len(lines[i]) + 1)]
        if not lines:
            lines = [b""]
    return b"\n".join(lines)
