"""No identity number through free text: a number typed into a ledger or invoice line's text is
masked at load, counted per file in the load log, and never stored; in a code or key column it
rejects the file. The value itself is never shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from boundary_helpers import LEDGER_HEADER, csv_bytes, deliver, ledger_rows, load, query

from norrlager.ingest.identity import MASK, mask

FEB = "2023-02"


def _with_text(text: str, column: int = 9) -> list[str]:
    out = ledger_rows(FEB)
    fields = out[0].split(";")
    fields[column] = text
    out[0] = ";".join(fields)
    return out


@pytest.mark.parametrize("typed", ["19121212-1212", "191212121212", "121212-1212",
                                   "1212121212", "121212+1212", "19121212-1213"])
def test_an_identity_number_in_a_ledger_text_is_masked_and_counted(tmp_path: Path,
                                                                   typed: str) -> None:
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    text = f"Ersättning {typed} Tolvan Tolvansson"
    deliver(landing, "ledger", FEB, {"lines.csv": ("lines", csv_bytes(
        LEDGER_HEADER, _with_text(text)))})
    report = load(warehouse, landing)
    assert not report.rejected and report.rows == 4
    assert report.masked == [("lines.csv", 1)]
    texts = [t for (t,) in query(warehouse, "select text from raw.ledger_lines order by all")]
    assert f"Ersättning {MASK} Tolvan Tolvansson" in texts
    stored = str(query(warehouse, "select * from raw.ledger_lines")) + str(
        query(warehouse, "select * from audit.load_log")) + str(
        query(warehouse, "select * from audit.quarantine"))
    assert typed not in stored
    assert query(warehouse, "select sum(masked_identity_numbers) from audit.load_log") == [(1,)]


@pytest.mark.parametrize("text", ["Faktura 2023-01-15 nr 4711", "Leverantörsfaktura 12",
                                  "Konto 12345678901234", "Belopp 1 234 567,00",
                                  "Ordernr 20231399-1234"])
def test_text_that_is_no_identity_number_is_kept(tmp_path: Path, text: str) -> None:
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    deliver(landing, "ledger", FEB, {"lines.csv": ("lines", csv_bytes(
        LEDGER_HEADER, _with_text(text)))})
    report = load(warehouse, landing)
    assert not report.rejected and not report.masked
    assert (text,) in query(warehouse, "select text from raw.ledger_lines")


def test_an_identity_number_in_a_key_column_rejects_the_file(tmp_path: Path) -> None:
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    bad = ledger_rows(FEB)
    bad = [r.replace(f"LF{FEB[:4]}-0000001", "V-19121212-1212") for r in bad]
    deliver(landing, "ledger", FEB, {"lines.csv": ("lines", csv_bytes(LEDGER_HEADER, bad))})
    report = load(warehouse, landing)
    assert [e.rule for e in report.rejected] == ["identity number in text"]
    assert report.rejected[0].line == 2
    assert "19121212" not in str(report.rejected[0])
    assert query(warehouse, "select count(*) from raw.ledger_lines") == [(0,)]


def test_two_numbers_one_character_apart_are_both_masked() -> None:
    assert mask("191212121212,121212-1212 x") == f"{MASK},{MASK} x"
