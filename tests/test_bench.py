"""The benchmark's floors measure what they claim: the read_csv floor reads every delivered row,
typed as the loader types it."""

from __future__ import annotations

from pathlib import Path

from boundary_helpers import LEDGER_HEADER, csv_bytes, deliver, ledger_rows

from norrlager.bench import _read_csv_floor


def test_the_read_csv_floor_reads_every_file_of_every_manifest(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    for month, n in (("2023-01", 3), ("2023-02", 5)):
        deliver(landing, "ledger", month, {f"ledger_lines_{month}.csv": (
            "lines", csv_bytes(LEDGER_HEADER, ledger_rows(month, n)))})
    seconds, rows = _read_csv_floor(landing, tmp_path)
    assert rows == 2 * (3 + 5)
    assert seconds > 0
