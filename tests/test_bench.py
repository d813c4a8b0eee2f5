"""The benchmark's floors measure what they claim: the read_csv floor reads every delivered row,
typed as the loader types it."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

from boundary_helpers import LEDGER_HEADER, csv_bytes, deliver, ledger_rows

from norrlager.bench import DiskPeak, _read_csv_floor, dbt_breakdown
from norrlager.transform.build import BuildResult


def test_the_read_csv_floor_reads_every_file_of_every_manifest(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    for month, n in (("2023-01", 3), ("2023-02", 5)):
        deliver(landing, "ledger", month, {f"ledger_lines_{month}.csv": (
            "lines", csv_bytes(LEDGER_HEADER, ledger_rows(month, n)))})
    seconds, rows = _read_csv_floor(landing, tmp_path)
    assert rows == 2 * (3 + 5)
    assert seconds > 0


def test_dbt_breakdown_places_the_nodes_in_the_build(tmp_path: Path) -> None:
    """10 s of build: 2 s before the first node, 1 s after the last; over the nodes' 7 s two
    threads have 14 s, 9 s of them busy, so 5 s go between steps."""
    def step(name: str, start: float, end: float) -> dict:
        stamp = "2026-12-01T10:00:{:06.3f}Z"
        return {"name": name, "started_at": stamp.format(start),
                "completed_at": stamp.format(end)}

    results = {"results": [
        {"unique_id": "model.norrlager.a", "timing": [step("compile", 2, 3),
                                                      step("execute", 3, 6)]},
        {"unique_id": "test.norrlager.t", "timing": [step("compile", 2, 2.5),
                                                     step("execute", 5, 9)]},
        {"unique_id": "seed.norrlager.s", "timing": [step("execute", 8, 8.5)]}]}
    path = tmp_path / "run_results.json"
    path.write_text(json.dumps(results))
    start = datetime(2026, 12, 1, 10, 0, 0, tzinfo=UTC).timestamp()
    b = dbt_breakdown(BuildResult(True, 10.0, started_at=start), path, threads=2)
    assert (b["before_first_node_s"], b["nodes_span_s"], b["after_last_node_s"]) == (2, 7, 1)
    assert (b["compile_s"], b["execute_models_s"], b["execute_tests_s"],
            b["execute_seeds_s"]) == (1.5, 3, 4, 0.5)
    assert b["threads"] == 2 and b["between_steps_s"] == 14 - 9


def test_the_disk_peak_keeps_what_was_gone_by_the_end(tmp_path: Path) -> None:
    """A spill file that DuckDB deletes before the stage ends still counts toward the peak."""
    spill = tmp_path / "bench.duckdb.tmp" / "spill.bin"
    spill.parent.mkdir()
    with DiskPeak(tmp_path, every_s=0.01) as disk:
        spill.write_bytes(b"x" * 1_000_000)
        time.sleep(0.2)
        spill.unlink()
        (tmp_path / "bench.duckdb").write_bytes(b"x" * 1000)
    assert disk.peak >= 1_000_000 and disk.size() == 1000
