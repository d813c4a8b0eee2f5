"""Which encoding a SIE file is really in.

`#FORMAT PC8` (the default, and all the specification allows) means IBM code page 437. Files
from many programs are UTF-8 or Latin-1 (Windows-1252) while they declare PC8; read as 437,
their å, ä, ö become ├Ñ, õ, ÷ and no error is raised, so the reader looks at the letters: a
Swedish text in 437 holds bytes 0x84/0x86/0x94 (ä å ö) and their capitals; in Latin-1 it holds
0xE4/0xE5/0xF6, which 437 reads as Σ σ ÷; in UTF-8, valid two-byte sequences C3 xx. A file whose
letters contradict its declaration is read as what it is and the contradiction is a finding,
so a letter is never misread silently; a delivery's manifest may state the encoding instead.
"""

from __future__ import annotations

import re

CP437 = "cp437"
# å ä ö Å Ä Ö é ü in code page 437, and in Latin-1.
PC8_LETTERS = re.compile(rb"[\x86\x84\x94\x8f\x8e\x99\x82\x81]")
LATIN1_LETTERS = re.compile(rb"[\xe5\xe4\xf6\xc5\xc4\xd6\xe9\xfc]")
UTF8_LETTER = re.compile(rb"[\xc3][\x80-\xbf]")
FORMAT = re.compile(rb"^[ \t]*#FORMAT[ \t]+\"?([A-Za-z0-9-]+)", re.MULTILINE)
NAMES = {"pc8": CP437, "cp437": CP437, "ibm437": CP437, "utf-8": "utf-8", "utf8": "utf-8",
         "latin-1": "latin-1", "iso-8859-1": "latin-1", "windows-1252": "cp1252",
         "cp1252": "cp1252"}


class SieEncodingError(ValueError):
    pass


def declared_format(data: bytes) -> str | None:
    m = FORMAT.search(data)
    return m.group(1).decode("ascii").upper() if m else None


def detect(data: bytes) -> str:
    """The encoding the bytes are in, by their letters (ASCII-only files: 437)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    if data.isascii():
        return CP437
    if UTF8_LETTER.search(data):
        try:
            data.decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            pass
    pc8 = len(PC8_LETTERS.findall(data))
    latin1 = len(LATIN1_LETTERS.findall(data))
    if latin1 <= pc8:
        return CP437
    try:  # Windows-1252 leaves five bytes undefined, which Latin-1 reads as control codes
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def choose(data: bytes, stated: str | None = None) -> tuple[str, str | None]:
    """(the encoding to read with, a finding or None). `stated`: the encoding a delivery's
    manifest gives, which is taken as it is (a stated encoding is a decision, not a guess)."""
    if stated:
        name = NAMES.get(stated.lower())
        if name is None:
            raise SieEncodingError(f"encoding {stated!r} is not one of {sorted(NAMES)}")
        return name, None
    found = detect(data)
    declared = declared_format(data)
    if declared not in (None, "PC8"):
        return found, (f"#FORMAT {declared} is not a format of the specification (PC8); "
                       f"the letters are read as {found}")
    if found != CP437:
        what = {"utf-8": "UTF-8", "cp1252": "Windows-1252"}.get(found, "Latin-1")
        return found, (f"the file declares {'PC8' if declared else 'no #FORMAT (PC8)'} but its "
                       f"letters are {what}: read as {what}; state the encoding in the "
                       "delivery's manifest to load it")
    return CP437, None


def decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise SieEncodingError(f"line {line}: bytes {data[e.start:e.end].hex(' ')} are not "
                               f"{encoding}") from None
