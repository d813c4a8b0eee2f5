"""One SIE line into its label and fields.

Fields are separated by spaces or tabs; a field may be quoted, a quote inside it written `\\"`;
an object list is `{dimension object dimension object ...}`, each part quoted or bare, possibly
empty. A `{` or `}` that stands alone opens or closes a voucher's rows, on a line of its own or
at the end or start of a record's line: programs differ, and the reader takes all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BLANKS = " \t"


class TokenError(ValueError):
    """A line that cannot be split into fields (an unclosed quote or object list)."""


@dataclass(frozen=True)
class ObjectList:
    """The pairs of an object list, (dimension, object id), in their order."""
    pairs: tuple[tuple[str, str], ...]


OPEN, CLOSE = "{", "}"
Token = str | ObjectList


@dataclass(frozen=True)
class Line:
    label: str | None  # '#TRANS' and so on; None for a line holding only braces
    fields: tuple[Token, ...]
    opens: bool = False  # a voucher's rows begin on or after this line
    closes: bool = False  # ... end on or before it
    close_first: bool = False  # the '}' stood before the record ('} #VER ...')
    open_first: bool = False  # the '{' stood before the record ('{ #TRANS ...')


# One token at a time, by regular expression (a line is read at C speed, not per character):
# a quoted field (a quote inside written \"), an object list (whose quoted parts may hold a
# brace), a lone brace, a bare word, or a quote left open.
TOKEN = re.compile(r"""[ \t]+
    | "(?P<quoted>(?:\\"|[^"])*)"
    | \{(?P<objects>(?:"(?:\\"|[^"])*"|[^"}])*)\}
    | (?P<open>\{)
    | (?P<close>\})
    | (?P<bare>[^ \t"{}]+)
    | (?P<unclosed>")""", re.VERBOSE)
WORD = re.compile(r'"((?:\\"|[^"])*)"|([^ \t"]+)')


def _words(text: str) -> list[str]:
    """The parts of an object list: bare words and quoted strings."""
    return [q.replace('\\"', '"') if b == "" else b for q, b in WORD.findall(text)]


def _object_list(inner: str) -> ObjectList:
    words = _words(inner)
    if len(words) % 2:
        raise TokenError("an object list must hold pairs of dimension and object")
    return ObjectList(tuple(zip(words[0::2], words[1::2], strict=True)))


def split_line(text: str) -> Line:
    """Split one line (without its line break). Raises TokenError."""
    body = text.strip(BLANKS)
    closes = close_first = open_first = opens = False
    if body.startswith(CLOSE):
        closes = close_first = True
        body = body[1:].lstrip(BLANKS)
    if body.startswith(OPEN) and (body[1:].strip(BLANKS) == "" or
                                  body[1:].lstrip(BLANKS).startswith("#")):
        open_first = True
        body = body[1:].lstrip(BLANKS)
    if not body:
        return Line(None, (), open_first, closes, close_first)
    if not body.startswith("#"):
        raise TokenError("a record must begin with a label such as #VER or #TRANS")
    fields: list[Token] = []
    pos = 0
    while pos < len(body):
        m = TOKEN.match(body, pos)
        kind = m.lastgroup if m else "unclosed"
        if kind == "quoted":
            fields.append(m["quoted"].replace('\\"', '"'))
        elif kind == "bare":
            fields.append(m["bare"])
        elif kind == "objects":
            fields.append(_object_list(m["objects"]))
        elif kind in ("open", "close"):
            if body[m.end():].strip(BLANKS):
                raise TokenError("an object list is not closed" if kind == "open"
                                 else "a '}' stands inside a record")
            opens, closes = opens or kind == "open", closes or kind == "close"
        elif kind == "unclosed":
            raise TokenError("a quoted field is not closed")
        pos = m.end()
    label = str(fields[0]).upper()
    return Line(label, tuple(fields[1:]), opens, closes, close_first, open_first)


def checksum_text(line: Line) -> str:
    """What a record adds to #KSUMMA: its label and fields, without the blanks between them,
    the quotes around them or the braces of an object list."""
    parts = [line.label or ""]
    for f in line.fields:
        parts.append("".join(d + o for d, o in f.pairs) if isinstance(f, ObjectList) else f)
    return "".join(parts)
