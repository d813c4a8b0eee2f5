"""Read a SIE 4 file (types 4E and 4I) into a SieFile, every finding named by line and rule.

What the reader decides, after the specification (4B):
- `#RTRANS` is a row added after the voucher was registered; the specification has it followed
  by an identical `#TRANS` for older readers, so that copy is skipped and the row counts once.
  An `#RTRANS` without its copy still counts, with a finding.
- `#BTRANS` is a removed row: kept (inspect lists it) but never counted.
- `#KSUMMA` at the start and the end: a CRC-32 (the zip polynomial) of every record between
  them, label and fields without the blanks between them, the quotes around them or an object
  list's braces, in the file's encoding (as jsisie and sieparser compute it). A mismatch is a
  finding.
- Labels the reader does not know are counted and skipped, as the specification asks.
A file that is not SIE at all (a web page, a spreadsheet), is truncated (a voucher or #KSUMMA
still open at its end, no line break after its last line, as the CSV extracts' rule has it) or
cannot be decoded raises SieFileError; everything else is a finding.
"""

from __future__ import annotations

import re
import zlib
from datetime import date
from decimal import Decimal
from functools import cache

from norrlager.ingest.sources.sie import encoding as enc
from norrlager.ingest.sources.sie.model import Balance, Finding, FiscalYear, Row, SieFile, Voucher
from norrlager.ingest.sources.sie.tokens import (
    Line,
    ObjectList,
    TokenError,
    checksum_text,
    split_line,
)

AMOUNT = re.compile(r"-?[0-9]{1,15}(\.[0-9]{1,2})?")
DATE = re.compile(r"[0-9]{8}")
QUANTITY = re.compile(r"-?[0-9]{1,15}(\.[0-9]+)?")
KNOWN = {"#FLAGGA", "#GEN", "#PROSA", "#FTYP", "#FNR", "#ADRESS", "#BKOD", "#TAXAR",
         "#OMFATTN", "#VALUTA", "#ENHET", "#SRU"}
ROW_KINDS = {"#TRANS": "TRANS", "#RTRANS": "RTRANS", "#BTRANS": "BTRANS"}
BALANCES = {"#IB": 0, "#UB": 0, "#RES": 0, "#OIB": 1, "#OUB": 1, "#PSALDO": 2, "#PBUDGET": 2}


class SieFileError(ValueError):
    """Not a SIE file, or one that cannot be read as a whole."""


class _FieldError(ValueError):
    """A field that breaks a rule: (rule, message), a finding of its line."""


def read_sie(data: bytes, name: str, encoding: str | None = None) -> SieFile:
    """Read the bytes of a SIE file. `encoding`: the one a delivery's manifest states."""
    if not data.strip():
        raise SieFileError(f"{name}: the file is empty")
    if not data.endswith(b"\n"):
        raise SieFileError(f"{name}: the last line does not end with a line break: the file "
                           "is truncated (or not a SIE file)")
    try:
        chosen, finding = enc.choose(data, encoding)
        text = enc.decode(data, chosen)
    except enc.SieEncodingError as e:
        raise SieFileError(f"{name}: {e}") from None
    parser = _Parser(SieFile(name=name, encoding=chosen))
    if finding:
        parser.find(None, "encoding", finding)
    parser.feed(text.lstrip("\ufeff").split("\n"))
    return parser.file


def _text(value: str | ObjectList) -> str:
    if isinstance(value, ObjectList):
        raise _FieldError("field", "an object list stands where a text belongs")
    return value


@cache
def _day(text: str) -> date | None:
    if not DATE.fullmatch(text):
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def _date(value: str | ObjectList, what: str) -> date:
    day = _day(_text(value))
    if day is None:
        raise _FieldError("date", f"{what} {value!r} is not a date YYYYMMDD")
    return day


def _amount(value: str | ObjectList, pattern: re.Pattern[str] = AMOUNT) -> Decimal:
    if not pattern.fullmatch(_text(value)):
        raise _FieldError("amount", f"{value!r} is not an amount with a decimal point and at most "
                             "two decimals")
    return Decimal(str(value))


def _need(f: tuple, n: int, what: str) -> None:
    if len(f) < n:
        raise _FieldError("fields", f"needs at least {n} fields ({what}), has {len(f)}")


def _header(sf: SieFile, label: str, f: tuple) -> None:
    """A record describing the file, its company, years, dimensions or accounts."""
    if label == "#SIETYP":
        _need(f, 1, "type")
        sf.sie_type = _text(f[0])
    elif label == "#FORMAT":
        sf.format = _text(f[0]) if f else None
    elif label == "#PROGRAM":
        sf.program = " ".join(_text(x) for x in f[:2] if _text(x))
    elif label == "#FNAMN":
        sf.company = _text(f[0]) if f else None
    elif label == "#ORGNR":
        sf.org_number = _text(f[0]) if f else None
    elif label == "#KPTYP":
        sf.chart_type = _text(f[0]) if f else None
    elif label == "#RAR":
        _need(f, 3, "year, start, end")
        sf.fiscal_years.append(FiscalYear(int(_amount(f[0], re.compile(r"-?[0-9]{1,2}"))),
                                          _date(f[1], "start"), _date(f[2], "end")))
    elif label in ("#DIM", "#UNDERDIM"):
        _need(f, 2, "number, name")
        sf.dimensions[_text(f[0])] = _text(f[1])
    elif label == "#OBJEKT":
        _need(f, 3, "dimension, object, name")
        sf.objects[(_text(f[0]), _text(f[1]))] = _text(f[2])
    elif label == "#KONTO":
        _need(f, 2, "account, name")
        sf.accounts[_text(f[0])] = _text(f[1])
    elif label == "#KTYP":
        _need(f, 2, "account, type")
        sf.account_types[_text(f[0])] = _text(f[1])
    elif label not in KNOWN:
        sf.ignored_labels[label] = sf.ignored_labels.get(label, 0) + 1


class _Parser:
    def __init__(self, file: SieFile) -> None:
        self.file = file
        self.voucher: Voucher | None = None  # the #VER whose rows are being read
        self.awaiting: Voucher | None = None  # a #VER whose '{' has not come yet
        self.mirror: Row | None = None  # an #RTRANS whose #TRANS copy is due
        self.crc: int | None = None  # between the #KSUMMA records
        self.labels = 0

    def find(self, line: int | None, rule: str, message: str) -> None:
        self.file.findings.append(Finding(line, rule, message))

    def feed(self, lines: list[str]) -> None:
        first = next((i for i, t in enumerate(lines) if t.strip()), None)
        if first is None or not lines[first].lstrip(" \t{}").startswith("#"):
            shown = lines[first].strip()[:60] if first is not None else ""
            raise SieFileError(f"{self.file.name}: line {(first or 0) + 1} is not a SIE record "
                               f"({shown!r}): not a SIE file (a web page or another format?)")
        for number, raw in enumerate(lines, start=1):
            text = raw.rstrip("\r")
            if not text.strip():
                continue
            try:
                line = split_line(text)
            except TokenError as e:
                self.find(number, "syntax", str(e))
                continue
            self._line(number, line)
        self._end(len(lines))

    def _line(self, number: int, line: Line) -> None:
        if line.close_first:
            self._close(number)
        if line.open_first:
            self._open(number)
        if line.label:
            self.labels += 1
            if self.crc is not None and line.label != "#KSUMMA":
                data = checksum_text(line).encode(self.file.encoding, errors="replace")
                self.crc = zlib.crc32(data, self.crc)
            try:
                self._record(number, line)
            except _FieldError as e:
                self.find(number, e.args[0], f"{line.label}: {e.args[1]}")
        if line.opens and not line.open_first:
            self._open(number)
        if line.closes and not line.close_first:
            self._close(number)

    def _open(self, number: int) -> None:
        if self.awaiting is None:
            self.find(number, "brace", "a '{' without a #VER before it")
            return
        self.voucher, self.awaiting = self.awaiting, None

    def _close(self, number: int) -> None:
        self._no_mirror(number)
        if self.voucher is None:
            self.find(number, "brace", "a '}' without a voucher to close")
            return
        self.voucher = None

    def _no_mirror(self, number: int) -> None:
        if self.mirror is not None:
            self.find(self.mirror.line, "rtrans", "#RTRANS is not followed by its #TRANS copy "
                                                  "(counted once all the same)")
            self.mirror = None

    def _record(self, number: int, line: Line) -> None:
        label, f = line.label, line.fields
        if label in ROW_KINDS:
            self._row(number, ROW_KINDS[label], f)
            return
        self._no_mirror(number)
        if self.voucher is not None:
            raise _FieldError("voucher",
                              "only #TRANS, #RTRANS and #BTRANS may stand inside a voucher")
        if self.awaiting is not None:
            self.find(self.awaiting.line, "voucher", "#VER is not followed by '{' and its rows")
            self.awaiting = None
        if label == "#VER":
            self._voucher(number, f)
        elif label in BALANCES:
            self._balance(number, label, f)
        elif label == "#KSUMMA":
            self._checksum(number, f)
        else:
            _header(self.file, label, f)

    def _objects(self, value: str | ObjectList) -> tuple[tuple[str, str], ...]:
        if not isinstance(value, ObjectList):
            raise _FieldError("objects", f"{value!r} stands where an object list {{...}} belongs")
        undeclared = sorted({d for d, _ in value.pairs if not self.file.declared(d)})
        if undeclared:
            raise _FieldError("dimension", "object of undeclared dimension "
                                           f"{', '.join(undeclared)} (no #DIM for it)")
        return value.pairs

    def _voucher(self, number: int, f: tuple) -> None:
        _need(f, 3, "series, number, date")
        v = Voucher(_text(f[0]), _text(f[1]), _date(f[2], "voucher date"),
                    _text(f[3]) if len(f) > 3 else "", number)
        self.file.vouchers.append(v)
        self.awaiting = v

    def _row(self, number: int, kind: str, f: tuple) -> None:
        if self.voucher is None:
            self._no_mirror(number)
            raise _FieldError("voucher", "a row outside a voucher's braces")
        _need(f, 3, "account, object list, amount")
        row = Row(kind, _text(f[0]), self._objects(f[1]), _amount(f[2]),
                  _date(f[3], "transaction date") if len(f) > 3 and _text(f[3]) else None,
                  _text(f[4]) if len(f) > 4 else "",
                  _amount(f[5], QUANTITY) if len(f) > 5 and _text(f[5]) else None, number)
        if self.file.accounts and row.account not in self.file.accounts:
            self.find(number, "account", f"account {row.account} has no #KONTO")
        if kind == "TRANS" and self.mirror is not None:
            mirror, self.mirror = self.mirror, None
            if (mirror.account, mirror.objects, mirror.amount, mirror.date, mirror.text,
                    mirror.quantity) == (row.account, row.objects, row.amount, row.date, row.text,
                                         row.quantity):
                return  # the #RTRANS's copy for older readers: the row counts once
            self.find(mirror.line, "rtrans", "#RTRANS is not followed by its #TRANS copy "
                                             "(counted once all the same)")
        self._no_mirror(number)
        self.voucher.rows.append(row)
        if kind == "RTRANS":
            self.mirror = row

    def _balance(self, number: int, label: str, f: tuple) -> None:
        shape = BALANCES[label]
        year = int(_amount(f[0], re.compile(r"-?[0-9]{1,2}"))) if f else 0
        if shape == 0:
            _need(f, 3, "year, account, amount")
            b = Balance(label[1:], year, _text(f[1]), _amount(f[2]), line=number)
        elif shape == 1:
            _need(f, 4, "year, account, object list, amount")
            b = Balance(label[1:], year, _text(f[1]), _amount(f[3]), self._objects(f[2]),
                        line=number)
        else:
            _need(f, 5, "year, period, account, object list, amount")
            period = _text(f[1])
            if not re.fullmatch(r"[0-9]{4}(0[1-9]|1[0-2])", period):
                raise _FieldError("period", f"{period!r} is not a period YYYYMM")
            b = Balance(label[1:], year, _text(f[2]), _amount(f[4]), self._objects(f[3]),
                        period, number)
        self.file.balances.append(b)

    def _checksum(self, number: int, f: tuple) -> None:
        if self.crc is None and not f:
            self.crc = 0
            self.file.checksum = "open"
            return
        if self.crc is None:
            raise _FieldError("checksum", "a closing #KSUMMA without an opening one")
        value = _text(f[0]) if f else ""
        try:
            ok = int(value) & 0xFFFFFFFF == self.crc
        except ValueError:
            raise _FieldError("checksum", f"{value!r} is not a checksum") from None
        self.file.checksum = "ok" if ok else "mismatch"
        if not ok:
            self.find(number, "checksum", f"#KSUMMA {value} does not match the records "
                                          f"(computed {self.crc})")
        self.crc = None

    def _end(self, lines: int) -> None:
        name = self.file.name
        if self.voucher is not None or self.awaiting is not None:
            v = self.voucher or self.awaiting
            raise SieFileError(f"{name}: the file ends inside voucher {v.series} {v.number} "
                               f"(line {v.line}): it is truncated")
        if self.crc is not None:
            raise SieFileError(f"{name}: the file ends before its closing #KSUMMA: it is "
                               "truncated")
        if self.file.sie_type is None and self.labels:
            self.find(None, "sietyp", "no #SIETYP record: read as type 4")
        if not self.labels:
            raise SieFileError(f"{name}: no SIE records in {lines} lines")
