"""Reading a delivered file into `_fields`: DuckDB's CSV reader takes a plain file straight into
columns, and any file it does not take as it is goes line by line, with the same result or a
named rule."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from norrlager.ingest.errors import LoadError
from norrlager.ingest.reading import read_fields

NAMES = ["period", "kod", "text"]
ROWS = ["2023-03;A1;första raden", "2023-03;;", "2023-03;B2;sista; inte"]


def fields_of(tmp_path: Path, data: bytes, names: list[str] = NAMES) -> list[tuple]:
    path = tmp_path / "file.csv"
    path.write_bytes(data)
    with duckdb.connect() as con:
        read_fields(con, path, "utf-8", str(path), names)
        return con.execute("select * from _fields order by line_no").fetchall()


def test_plain_and_crlf_files_read_the_same_fields(tmp_path: Path) -> None:
    good = ["2023-03;A1;första raden", "2023-03;;", "2023-03;B2;\"citat\""]
    lf = fields_of(tmp_path, ("\n".join([";".join(NAMES), *good]) + "\n").encode())
    crlf = fields_of(tmp_path, ("\r\n".join([";".join(NAMES), *good]) + "\r\n").encode())
    assert lf == crlf == [(2, "2023-03", "A1", "första raden"), (3, "2023-03", "", ""),
                          (4, "2023-03", "B2", '"citat"')]


def test_an_empty_field_is_an_empty_text_not_null(tmp_path: Path) -> None:
    # The rules test '' for a missing value; DuckDB's reader makes NULL of it by default.
    rows = fields_of(tmp_path, b"period;kod;text\n2023-03;;\n")
    assert rows == [(2, "2023-03", "", "")]


@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_a_line_of_the_wrong_shape_is_named_whichever_way_it_is_read(tmp_path: Path,
                                                                     end: str) -> None:
    data = end.join([";".join(NAMES), *ROWS]) + end  # line 4 holds a ';' too many
    with pytest.raises(LoadError) as err:
        fields_of(tmp_path, data.encode())
    assert (err.value.line, err.value.rule) == (4, "column count")
    assert "expected 3 fields separated by ';', found 4" in err.value.message


def test_a_wrong_header_is_named_before_the_shape_of_the_lines(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as err:
        fields_of(tmp_path, b"period;kod\n2023-03;A1\n")
    assert (err.value.line, err.value.rule) == (1, "header")


def test_a_header_only_file_reads_no_rows(tmp_path: Path) -> None:
    assert fields_of(tmp_path, b"period;kod;text\n") == []
