"""The demo job: another seed or scale starts a new demo warehouse instead of tripping over
the deliveries of the old one."""

from __future__ import annotations

from pathlib import Path

from norrlager.orchestrate.pipeline import demo_stamp, start_over_for_another_demo


def test_another_seed_moves_the_old_demo_aside_and_the_same_seed_keeps_it(tmp_path: Path) -> None:
    warehouse, landing = tmp_path / "norrlager.duckdb", tmp_path / "landing"
    (landing / "hr" / "2023-01").mkdir(parents=True)
    warehouse.write_text("old demo")
    demo_stamp(warehouse).write_text('{"seed": 2023, "scale": 1.0}')
    start_over_for_another_demo(warehouse, landing, 2023, 1.0, progress=lambda _m: None)
    assert warehouse.exists() and (landing / "hr").exists()
    start_over_for_another_demo(warehouse, landing, 11, 1.0, progress=lambda _m: None)
    assert not warehouse.exists() and not demo_stamp(warehouse).exists()
    assert (tmp_path / "norrlager.seed2023-scale1.0.duckdb").read_text() == "old demo"
    assert not (landing / "hr").exists()
