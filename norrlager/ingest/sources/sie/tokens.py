"""One SIE line into its label and fields.

Fields are separated by spaces or tabs; a field may be quoted, a quote inside it written `\\"`;
an object list is `{dimension object dimension object ...}`, each part quoted or bare, possibly
empty. A `{` or `}` that stands alone opens or closes a voucher's rows, on a line of its own or
at the end or start of a record's line: programs differ, and the reader takes all of them.
"""

from __future__ import annotations

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


def _quoted(text: str, i: int) -> tuple[str, int]:
    """The quoted field starting at text[i] == '"', and the index after it."""
    out, i = [], i + 1
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text) and text[i + 1] == '"':
            out.append('"')
            i += 2
        elif c == '"':
            return "".join(out), i + 1
        else:
            out.append(c)
            i += 1
    raise TokenError("a quoted field is not closed")


def _words(text: str) -> list[str]:
    """Fields of `text` (no braces): bare words and quoted strings."""
    out, i = [], 0
    while i < len(text):
        if text[i] in BLANKS:
            i += 1
        elif text[i] == '"':
            word, i = _quoted(text, i)
            out.append(word)
        else:
            j = i
            while j < len(text) and text[j] not in BLANKS and text[j] != '"':
                j += 1
            out.append(text[i:j])
            i = j
    return out


def _object_list(text: str, i: int) -> tuple[ObjectList, int] | None:
    """The object list starting at text[i] == '{', or None when no '}' closes it on the line
    (then the '{' opens a voucher's rows)."""
    j, inside = i + 1, False
    while j < len(text):
        c = text[j]
        if c == "\\" and inside and j + 1 < len(text) and text[j + 1] == '"':
            j += 2
            continue
        if c == '"':
            inside = not inside
        elif c == CLOSE and not inside:
            words = _words(text[i + 1:j])
            if len(words) % 2:
                raise TokenError("an object list must hold pairs of dimension and object")
            return ObjectList(tuple(zip(words[0::2], words[1::2], strict=True))), j + 1
        j += 1
    if inside:
        raise TokenError("a quoted field in an object list is not closed")
    return None


def split_line(text: str) -> Line:
    """Split one line (without its line break). Raises TokenError."""
    body = text.strip(BLANKS)
    opens = closes = close_first = open_first = False
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
    i = 0
    while i < len(body):
        c = body[i]
        if c in BLANKS:
            i += 1
        elif c == '"':
            word, i = _quoted(body, i)
            fields.append(word)
        elif c == OPEN:
            found = _object_list(body, i)
            if found is None:  # a trailing '{' opens the rows
                if body[i + 1:].strip(BLANKS):
                    raise TokenError("an object list is not closed")
                opens = True
                break
            fields.append(found[0])
            i = found[1]
        elif c == CLOSE:
            if body[i + 1:].strip(BLANKS):
                raise TokenError("a '}' stands inside a record")
            closes = True
            break
        else:
            j = i
            while j < len(body) and body[j] not in BLANKS and body[j] not in '"{}':
                j += 1
            fields.append(body[i:j])
            i = j
    label = str(fields[0]).upper()
    return Line(label, tuple(fields[1:]), opens, closes, close_first, open_first)


def checksum_text(line: Line) -> str:
    """What a record adds to #KSUMMA: its label and fields, without the blanks between them,
    the quotes around them or the braces of an object list."""
    parts = [line.label or ""]
    for f in line.fields:
        parts.append("".join(d + o for d, o in f.pairs) if isinstance(f, ObjectList) else f)
    return "".join(parts)
