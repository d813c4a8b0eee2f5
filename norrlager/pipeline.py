"""The main job: simulate the demo region, load its deliveries, build and reconcile."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from norrlager.build import dbt_build
from norrlager.load.loader import load_landing
from norrlager.simulate.region import simulate_region
from norrlager.summary import render
from norrlager.ties import invoice_tie_breaks
from norrlager.validate import run_validation


def run_all(warehouse: Path, landing: Path, scale: float = 1.0, seed: int = 2023,
            progress: Callable[[str], None] = print) -> int:
    t0 = time.perf_counter()
    progress(f"simulating the demo region (Region Norrbotten, scale {scale}) into {landing}")
    simulate_region(landing, scale=scale, seed=seed, progress=progress)
    progress(f"loading deliveries into {warehouse}")
    load = load_landing(warehouse, landing, progress=progress)
    for err in load.rejected:
        print(f"REJECTED {err}", file=sys.stderr)
    build = dbt_build(warehouse, progress=progress)
    for failure in build.failures:
        print(f"FAILED {failure}", file=sys.stderr)
    validation = run_validation(warehouse, progress=progress) if build.success else None
    print(render(warehouse, load, build, validation, time.perf_counter() - t0), flush=True)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for message in invoice_tie_breaks(con):
            print(f"TIE BROKEN {message}", file=sys.stderr)
    ok = build.success and not load.rejected and validation is not None and validation.success
    return 0 if ok else 1
