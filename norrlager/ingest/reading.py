"""Read a delivered file's rows into the temporary table `_fields(line_no, c1, c2, ..)` (its
lines after the header, one text column per field), after checking its bytes (the declared
encoding, no control characters, no blank lines, a final newline), its header and the number
of fields on every line.

The bytes are checked in Python (one pass of C-level decoding and regular expressions); the rows
are then read by DuckDB, whose line count must agree with the bytes' (a safety net for anything
the checks did not foresee).
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from norrlager.ingest.errors import LoadError
from norrlager.ingest.landing import printable

ENCODINGS = {"utf-8": "utf-8", "latin-1": "latin-1", "iso-8859-1": "latin-1"}
# In a Latin-1 file, 0x80-0x9F are control codes no system writes as text; they are what a
# Windows-1252 file holds for – — … € ’ “ ” (and what UTF-8 holds inside its multi-byte letters).
C1 = re.compile(rb"[\x80-\x9f]")
# A UTF-8 letter of Latin-1's range (å ä ö é ü ø ...) is two bytes C2/C3 + 80-BF.
UTF8_LETTER = re.compile(rb"[\xc2\xc3][\x80-\xbf]")
CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LONE_CR = re.compile(rb"\r(?!\n)")
# One search for both line ends: twice as fast as bytes.find of either (measured on 58 MB).
BLANK_LINE = re.compile(rb"\n\r?\n")
WINDOWS_1252 = {0x80: "€", 0x85: "…", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”",
                0x96: "–", 0x97: "—"}


CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
C1_BYTES = bytes(range(0x80, 0xA0))


def _has_any(data: bytes, chars: bytes) -> bool:
    """Whether any of `chars` occurs: one pass at memory speed (a regex is ten times slower);
    the regex then runs only to find where."""
    return len(data.translate(None, chars)) != len(data)


def line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def check_bytes(data: bytes, encoding: str, file: str) -> bool:
    """The byte rules of a delivered file; returns whether it holds a CR (CRLF line ends)."""
    if not data:
        raise LoadError(file, None, "empty file", "the file is empty: not even a header line")
    if encoding == "utf-8":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as e:
            bad = data[e.start:e.end].hex(" ")
            raise LoadError(file, line_of(data, e.start), "encoding",
                            f"bytes {bad} are not valid UTF-8, the encoding the manifest "
                            "declares (a Latin-1 or Windows-1252 file?)") from None
    else:
        at = UTF8_LETTER.search(data) if (b"\xc2" in data or b"\xc3" in data) else None
        if at:
            letter = at.group().decode("utf-8")
            raise LoadError(file, line_of(data, at.start()), "encoding",
                            f"bytes {at.group().hex(' ')} are the UTF-8 encoding of '{letter}': "
                            f"the file looks like UTF-8, the manifest declares {encoding}")
        at = C1.search(data) if _has_any(data, C1_BYTES) else None
        if at:
            byte = at.group()[0]
            hint = (f" ('{WINDOWS_1252[byte]}' in Windows-1252, which is not {encoding})"
                    if byte in WINDOWS_1252 else "")
            raise LoadError(file, line_of(data, at.start()), "encoding",
                            f"byte 0x{byte:02x} is not a {encoding} character{hint}")
    has_cr = b"\r" in data  # most files have none: the searches for CR are then skipped
    at = ((CONTROL.search(data) if _has_any(data, CONTROL_BYTES) else None)
          or (LONE_CR.search(data) if has_cr else None))
    if at:
        raise LoadError(file, line_of(data, at.start()), "control character",
                        f"byte 0x{at.group()[0]:02x} is a control character, not text")
    blank = BLANK_LINE.search(data)
    if data.startswith((b"\n", b"\r\n")) or blank:
        line = 1 if data.startswith((b"\n", b"\r\n")) else line_of(data, blank.start()) + 1
        raise LoadError(file, line, "blank line", "the line is empty: every line must hold a row")
    if not data.endswith(b"\n"):
        raise LoadError(file, data.count(b"\n") + 1, "no final newline",
                        "the last line does not end with a newline: the file may be cut off")
    return has_cr


def field(i: int) -> str:
    """The column of `_fields` that holds a row's field i (0-based)."""
    return f"c{i + 1}"


def check_header(header: str, names: list[str], file: str) -> None:
    expected = ";".join(names)
    got = header.lstrip("\ufeff")
    if got != expected:
        raise LoadError(file, 1, "header",
                        f"expected columns '{expected}', found '{printable(got, 300)}'")


def read_fields(con: duckdb.DuckDBPyConnection, path: Path, encoding: str, file: str,
                names: list[str], data: bytes | None = None) -> None:
    """Check the bytes and the header (the columns `names`), then read the rows into
    `_fields(line_no, c1 .. cN)`. `data`: the file's bytes, when the caller has read them."""
    data = path.read_bytes() if data is None else data
    has_cr = check_bytes(data, encoding, file)
    check_header(data[:data.index(b"\n")].decode(ENCODINGS[encoding]).rstrip("\r"), names,
                 file)
    lines = data.count(b"\n")
    # A file of plain newlines, as every file of the demo and most extracts are, is read by
    # DuckDB's CSV reader straight into one text column per field: half the work of reading
    # whole lines and splitting them. The reader's own errors name no rule of ours, so any
    # file it does not take as it is (a line of the wrong shape, CRLF line ends) is read again
    # line by line, where the shape rule names the line.
    if has_cr or not _read_columns(con, path, encoding, len(names), lines):
        _read_lines(con, path, encoding, file, lines)
        columns_of_lists(con, "_lines", len(names), file)


def _read_columns(con: duckdb.DuckDBPyConnection, path: Path, encoding: str, columns: int,
                  lines: int) -> bool:
    """Read the file's fields as columns; False if the reader refuses a line or misses one."""
    names = ", ".join(f"'{field(i)}': 'varchar'" for i in range(columns))
    try:
        # nullstr: an empty field stays '' (DuckDB reads it as NULL by default), as when split;
        # chr(30) is a control character check_bytes has refused already.
        # The path is a parameter, never pasted into SQL (a folder name may hold a quote).
        con.execute(f"""create or replace temp table _fields as
            select row_number() over () + 1 as line_no, *
            from read_csv(?, columns = {{{names}}}, header = true, delim = ';', quote = '',
                          escape = '', new_line = '\\n', encoding = '{ENCODINGS[encoding]}',
                          strict_mode = true, null_padding = false, nullstr = chr(30),
                          auto_detect = false)""", [str(path)])
    except duckdb.Error:
        return False
    return con.execute("select count(*) from _fields").fetchall()[0][0] + 1 == lines


def _read_lines(con: duckdb.DuckDBPyConnection, path: Path, encoding: str, file: str,
                lines: int) -> None:
    """Read the file's lines, each split at ';', into `_lines(line_no, fields)`."""
    # One statement reads and splits: materialising the raw lines first cost a second table.
    con.execute(f"""create or replace temp table _lines as
        select line_no, string_split(rtrim(raw, chr(13)), ';') as fields
        from (select row_number() over () as line_no, raw
              from read_csv(?, columns = {{'raw': 'varchar'}}, header = false, delim = chr(31),
                            quote = '', escape = '', encoding = '{ENCODINGS[encoding]}',
                            strict_mode = false))
        where line_no > 1""", [str(path)])
    got = con.execute("select count(*) from _lines").fetchall()[0][0] + 1
    if got != lines:
        raise LoadError(file, None, "unreadable lines",
                        f"the file has {lines} lines, {got} could be read")


def columns_of_lists(con: duckdb.DuckDBPyConnection, table: str, columns: int,
                     file: str) -> None:
    """`_fields(line_no, c1 ..)` from a table of (line_no, fields) lists, after checking that
    every row has the expected number of fields; the lists' table is dropped."""
    bad = con.execute(f"select line_no, len(fields) from {table} where len(fields) <> "
                      f"{columns} order by line_no limit 1").fetchall()
    if bad:
        raise LoadError(file, bad[0][0], "column count",
                        f"expected {columns} fields separated by ';', found {bad[0][1]}")
    con.execute("create or replace temp table _fields as select line_no, "
                + ", ".join(f"fields[{i + 1}] as {field(i)}" for i in range(columns))
                + f" from {table}")
    con.execute(f"drop table {table}")
