"""The main job: simulate the demo region, then refresh the warehouse through the Prefect flow
(a backfill): one flow run of the monthly refresh that loads the whole history."""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

from norrlager.config import set_region_size
from norrlager.ingest.discovery import delivered_periods
from norrlager.ingest.loader import LoadReport
from norrlager.ingest.manifest import SYSTEMS
from norrlager.orchestrate.summary import render
from norrlager.simulate.region import simulate_region
from norrlager.transform import warmup


def backfill_periods(landing: Path, runs: int = 1) -> list[str]:
    """The last delivered period of each of the last `runs` years: one flow run each (the first
    also loads everything before it). Each flow run costs a dbt build, validation and publish,
    so the demo's history is loaded in one run, as a region's first load would be; the monthly
    refresh after it is what the refresh tests and `make bench` measure."""
    last = {}
    for period in delivered_periods(landing):
        last[period[:4]] = period
    return sorted(last.values())[-runs:]


def demo_stamp(warehouse: Path) -> Path:
    """Beside the demo warehouse: the seed and scale its deliveries were simulated with."""
    return warehouse.with_name(warehouse.stem + ".demo.json")


def use_demo_region_size(warehouse: Path) -> None:
    """A later load into a simulated demo checks amounts against the demo's size (its stamp),
    unless NORRLAGER_REGION_SIZE says otherwise: a scale-40 demo's budget lines are forty times
    Norrbotten's."""
    stamp = demo_stamp(warehouse)
    if "NORRLAGER_REGION_SIZE" not in os.environ and stamp.exists():
        set_region_size(json.loads(stamp.read_text(encoding="utf-8"))["scale"])


def start_over_for_another_demo(warehouse: Path, landing: Path, seed: int, scale: float,
                                progress: Callable[[str], None] = print) -> None:
    """A demo simulated with another seed or scale delivers other content for the same periods,
    which the loader rightly rejects as changed deliveries. The demo job therefore starts a new
    warehouse, moving the old one aside (never deleting it), and clears the simulated
    deliveries (the simulation writes them again)."""
    stamp = demo_stamp(warehouse)
    wanted = {"seed": seed, "scale": scale}
    if not (stamp.exists() and warehouse.exists()):
        return
    had = json.loads(stamp.read_text(encoding="utf-8"))
    if had == wanted:
        return
    aside = warehouse.with_name(f"{warehouse.stem}.seed{had['seed']}-scale{had['scale']}"
                                f"{warehouse.suffix}")
    os.replace(warehouse, aside)
    stamp.unlink()
    for system in SYSTEMS:
        shutil.rmtree(landing / system, ignore_errors=True)
    progress(f"the demo warehouse held seed {had['seed']}, scale {had['scale']}; this run "
             f"simulates seed {seed}, scale {scale}: a new warehouse (the old one is {aside})")


def run_all(warehouse: Path, landing: Path, scale: float = 1.0, seed: int = 2023,
            progress: Callable[[str], None] = print, full_refresh: bool = False) -> int:
    from flows.refresh import refresh

    t0 = time.perf_counter()
    start_over_for_another_demo(warehouse, landing, seed, scale, progress)
    set_region_size(scale)
    warming = warmup.Warmup(warehouse)
    progress(f"simulating the demo region (Region Norrbotten, scale {scale}) into {landing}")
    simulate_region(landing, scale=scale, seed=seed, progress=progress,
                    on_core_free=warming.start)
    for problem in warming.wait():
        progress(f"warm-up: {problem} (the flow run starts it again)")
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    demo_stamp(warehouse).write_text(json.dumps({"seed": seed, "scale": scale}),
                                     encoding="utf-8")
    periods = backfill_periods(landing)
    progress(f"backfill through the Prefect flow: {len(periods)} flow runs ({', '.join(periods)})")
    summaries = []
    for i, period in enumerate(periods):
        state = refresh(period=period, full_refresh=full_refresh and i == 0,
                        warehouse=str(warehouse), landing=str(landing), demo=True,
                        return_state=True)
        if not state.is_completed():
            print(f"FAILED flow run for {period}: {state.message}", file=sys.stderr)
            return 1
        summaries.append(state.result())
    load = LoadReport()
    for s in summaries:
        for r in s.loads:
            load.loaded += r.loaded
    # A file loaded by an earlier flow run of this backfill is skipped by the later ones:
    # unchanged are only the files that were already in the warehouse before it.
    new = {f for f, _ in load.loaded}
    load.unchanged = sorted({f for s in summaries for r in s.loads for f in r.unchanged} - new)
    last = summaries[-1]
    print(render(warehouse, load, last.build, last.validation, time.perf_counter() - t0,
                 last.published, last.report, last.docs), flush=True)
    return 0
