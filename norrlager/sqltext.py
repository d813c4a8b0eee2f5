"""The one way a text (a file path, a comment) is put into SQL where DuckDB takes no parameter
(ATTACH, COPY … TO, a table function's file): as a quoted string literal. A folder named `o'x`
is then a path, not SQL."""

from __future__ import annotations

from pathlib import Path


def sql_string(text: str | Path | None) -> str:
    """`text` as a SQL string literal (quotes doubled), or null."""
    if text is None:
        return "null"
    value = str(text)
    if "\x00" in value:
        raise ValueError("a text with a NUL character cannot be put into SQL")
    return "'" + value.replace("'", "''") + "'"
