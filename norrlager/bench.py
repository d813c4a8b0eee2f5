"""`norrlager bench`: wall time and peak memory of simulate, load and dbt build, rows per raw
table, and dbt's build against the same compiled SQL executed directly in DuckDB. dbt builds as
the refresh flow does (models, seeds and data tests; unit tests run in `make test`).

The direct run executes, in dbt's own execution order, the SQL dbt ran for every model and test
(target/run), on a copy of the warehouse taken after loading with dbt's seeds attached: the
difference between the two is what dbt itself costs. The load's floor is DuckDB's own typed
`read_csv` of the same extract files into one table per entity, with no checks: the ratio
says what the boundary's checks, pseudonymisation and bookkeeping cost. Every ratio is measured
in the same run as what it is compared with. dbt parses the project once before the build is
timed (as `make run` does beside the simulation, and as a monthly refresh finds it saved), and
the one-month refresh builds in the same warehouse file, selecting what its loads touched
(norrlager.transform.build_plan), so that both are timed as a refresh runs them; the parse
is reported on its own, and so is dbt's fixed start-up (a build that selects nothing), which
bounds how small a refresh's share can get. The result is also written as JSON
(bench/results/, or --out), so runs at other scales or commits can be compared.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import resource
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

import duckdb
import yaml

from norrlager.config import PROJECT_DIR, dbt_target_dir, set_region_size
from norrlager.ingest.discovery import delivered_periods, read_deliveries
from norrlager.ingest.loader import load_landing
from norrlager.orchestrate.summary import raw_row_counts
from norrlager.simulate.region import simulate_region
from norrlager.sqltext import sql_string
from norrlager.transform.build import BuildResult, dbt_invoke
from norrlager.transform.build_plan import refresh_build


def _peak_mb() -> float:
    """Peak resident memory so far of this process (simulate and load run in it) or of a child
    it waited for (the simulation's second process)."""
    return max(resource.getrusage(who).ru_maxrss
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024


class DiskPeak:
    """The most disk a folder held while the bench ran (sampled every few seconds in a thread):
    the extracts, the warehouse and DuckDB's spill files, which are gone at the end."""

    def __init__(self, root: Path, every_s: float = 5.0) -> None:
        self.root, self.every_s, self.peak = root, every_s, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def size(self) -> int:
        total = 0
        for folder, _dirs, files in os.walk(self.root):
            for name in files:
                with contextlib.suppress(FileNotFoundError):  # a temporary file gone meanwhile
                    total += os.stat(os.path.join(folder, name)).st_size
        return total

    def _sample(self) -> None:
        while not self._stop.wait(self.every_s):
            self.peak = max(self.peak, self.size())

    def __enter__(self) -> DiskPeak:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.size())


def _executed_sql() -> list[str]:
    """The SQL of every model and data test dbt ran, in the order it ran them, as plain DuckDB
    statements (create ... as <compiled select>; select count(*) from <compiled test>)."""
    results = json.loads((dbt_target_dir() / "run_results.json").read_text())["results"]
    nodes = json.loads((dbt_target_dir() / "manifest.json").read_text())["nodes"]
    order = sorted((r for r in results if r["timing"]),
                   key=lambda r: r["timing"][0]["started_at"])
    out = []
    for r in order:
        node = nodes.get(r["unique_id"])
        if node is None or not node.get("compiled_code"):
            continue
        sql = node["compiled_code"]
        if node["resource_type"] == "model":
            kind = "view" if node["config"]["materialized"] == "view" else "table"
            out.append(f"create schema if not exists {node['schema']}")
            out.append(f"create or replace {kind} {node['schema']}.{node['alias']} as {sql}")
        elif node["resource_type"] == "test":
            out.append(f"select count(*) from ({sql}) as failures")
    return out


def _epoch(stamp: str) -> float:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


def dbt_breakdown(build: BuildResult, run_results: Path | None = None,
                  threads: int | None = None) -> dict[str, float]:
    """Where a build's wall time went, from the node timings of its run_results.json: before
    the first node (interpreter start, parsing, adapter and on-run-start), the nodes' span,
    after the last node (artifacts, exit), and the time summed over the nodes (over all
    threads) spent compiling them, executing models, tests and seeds, and between the steps
    of a node or waiting for a thread (dbt's per-node bookkeeping)."""
    path = run_results or dbt_target_dir() / "run_results.json"
    results = json.loads(path.read_text(encoding="utf-8"))["results"]
    steps = [(r["unique_id"].split(".")[0], t["name"], _epoch(t["started_at"]),
              _epoch(t["completed_at"])) for r in results for t in r["timing"]]
    first, last = min(s[2] for s in steps), max(s[3] for s in steps)
    out = {"before_first_node_s": first - build.started_at,
           "nodes_span_s": last - first,
           "after_last_node_s": build.started_at + build.seconds - last,
           "compile_s": sum(b - a for _k, name, a, b in steps if name == "compile")}
    for kind in ("model", "test", "seed"):
        out[f"execute_{kind}s_s"] = sum(b - a for k, name, a, b in steps
                                        if name == "execute" and k == kind)
    busy = sum(b - a for *_, a, b in steps)
    out["threads"] = threads or _threads()
    out["between_steps_s"] = max(out["nodes_span_s"] * out["threads"] - busy, 0.0)
    return {k: round(v, 2) for k, v in out.items()}


def _threads() -> int:
    """The dbt threads of the profile's default target, which the bench builds on."""
    profile = yaml.safe_load((PROJECT_DIR / "profiles.yml").read_text(encoding="utf-8"))
    norrlager = profile["norrlager"]
    return int(norrlager["outputs"][norrlager["target"]]["threads"])


def _direct(loaded: Path, built: Path) -> float:
    """Run dbt's SQL directly on a copy of the loaded warehouse; returns seconds."""
    statements = _executed_sql()
    with duckdb.connect(str(loaded)) as con:
        con.execute(f"attach {sql_string(built)} as built_copy (read_only)")
        con.execute("create schema if not exists reference")
        for (table,) in con.execute("select table_name from information_schema.tables "
                                    "where table_catalog = 'built_copy' "
                                    "and table_schema = 'reference'").fetchall():
            con.execute(f"create table reference.{table} as "
                        f"select * from built_copy.reference.{table}")
        con.execute("detach built_copy")
        t0 = time.perf_counter()
        for sql in statements:
            # dbt's SQL names the catalog after the warehouse file.
            con.execute(sql.replace(f'"{built.stem}".', ""))
        return time.perf_counter() - t0


# The loader's column types as DuckDB reads them (contracts.Entity.columns).
DUCKDB_TYPES = {"varchar": "varchar", "integer": "bigint", "date": "date", "period": "varchar",
                "decimal": "decimal(18, 2)", "weight": "decimal(18, 4)"}


def _read_csv_floor(landing: Path, root: Path) -> tuple[float, int]:
    """DuckDB's typed read_csv of every delivered file into its entity's table, nothing else:
    the floor of any loader. Returns seconds and rows."""
    found, _unreadable = read_deliveries(landing)
    files = [(d.folder / f.file, f.entity, f.encoding) for d in found for f in d.files]
    floor = root / "floor.duckdb"
    with duckdb.connect(str(floor)) as con:
        t0 = time.perf_counter()
        created: set[str] = set()
        for path, entity, encoding in files:
            columns = ", ".join(f"'{name}': '{DUCKDB_TYPES[typ]}'" for name, typ in entity.columns)
            read = (f"read_csv(?, header = true, delim = ';', decimal_separator = ',', "
                    f"encoding = '{encoding}', columns = {{{columns}}})")
            verb = "insert into" if entity.table in created else "create table"
            con.execute(f"{verb} floor_{entity.table} {'' if verb == 'insert into' else 'as'} "
                        f"select * from {read}", [str(path)])
            created.add(entity.table)
        seconds = time.perf_counter() - t0
        rows = sum(con.execute(f"select count(*) from floor_{t}").fetchone()[0] for t in created)
    floor.unlink()
    return seconds, rows


class MonthRefresh(NamedTuple):
    load_s: float
    dbt_s: float
    nodes: int
    breakdown: dict[str, float]  # dbt_breakdown of its build


def _incremental(warehouse: Path, landing: Path) -> MonthRefresh:
    """Time loading and building the last month on top of the warehouse built up to the month
    before, as the monthly refresh does: in the same file, so with the same dbt profile (a
    changed warehouse path would make dbt parse the whole project again), and selecting what
    the month's loads touched (norrlager.transform.build_plan). Returns the load's and the build's
    seconds, the nodes the build ran and where its time went (dbt_breakdown)."""
    last = delivered_periods(landing)[-1]
    with duckdb.connect(str(warehouse)) as con:
        for (table,) in con.execute("select table_name from information_schema.tables "
                                    "where table_schema = 'raw'").fetchall():
            con.execute(f"delete from raw.{table} where _delivery_key = ?", [last])
        con.execute("delete from audit.load_log where delivery_key = ?", [last])
    # Rows deleted by hand are no load the load log could show: rebuilt whole, as of the month
    # before (incremental models would keep the deleted month otherwise).
    refresh_build(warehouse, full_refresh=True, progress=lambda _m: None)
    t0 = time.perf_counter()
    load_landing(warehouse, landing, progress=lambda _m: None, demo=True)
    t1 = time.perf_counter()
    _plan, build = refresh_build(warehouse, progress=lambda _m: None)  # as the flow builds
    if not build.success:
        raise RuntimeError("the one-month refresh's build failed: " + "; ".join(build.failures[:3]))
    return MonthRefresh(t1 - t0, time.perf_counter() - t1, sum(build.counts.values()),
                        dbt_breakdown(build))


def _start_up(warehouse: Path) -> float:
    """A dbt build that selects nothing: what any refresh that runs dbt costs at the least
    (interpreter, partial parse, adapter, artifacts)."""
    t0 = time.perf_counter()
    dbt_invoke(["build", "--select", "tag:norrlager_bench_selects_nothing"], warehouse,
               progress=lambda _m: None)
    return time.perf_counter() - t0


def _parse(warehouse: Path) -> float:
    """dbt's parse of the project against this warehouse, once: a refresh's build finds it
    saved (partial parsing), and `make run` does it while the simulation runs."""
    t0 = time.perf_counter()
    done = dbt_invoke(["parse"], warehouse, progress=lambda _m: None)
    if done.returncode != 0:
        raise RuntimeError("dbt parse failed: " + done.stdout[-1000:])
    return time.perf_counter() - t0


def run_bench(scale: float = 1.0, progress: Callable[[str], None] = print,
              out: Path | None = None, end_to_end: bool = False) -> int:
    """The full bench; with end_to_end only simulate, load and dbt build, with the disk they
    took (a region the size of Sweden: the floors would need a second copy of its data)."""
    root = Path(tempfile.mkdtemp(prefix="norrlager-bench-"))
    landing, warehouse = root / "landing", root / "bench.duckdb"
    rows = []
    set_region_size(scale)
    try:
        if end_to_end:
            return _end_to_end(scale, root, progress, out)
        t0 = time.perf_counter()
        simulate_region(landing, scale=scale, progress=progress)
        rows.append(("simulate", time.perf_counter() - t0, _peak_mb()))
        # The simulator's files on disk first: otherwise the kernel writes them back while the
        # load reads them, and the load is charged with the simulator's I/O (seconds of noise).
        os.sync()
        t0 = time.perf_counter()
        load_landing(warehouse, landing, progress=progress, demo=True)
        rows.append(("load", time.perf_counter() - t0, _peak_mb()))
        loaded_copy = root / "direct.duckdb"
        shutil.copy(warehouse, loaded_copy)
        progress("bench: dbt parse, then dbt build")
        parse_s = _parse(warehouse)
        _plan, build = refresh_build(warehouse, progress=lambda _m: None)  # none before: all
        rows.append(("dbt build", build.seconds, build.peak_mib))
        if not build.success:
            progress("dbt build failed: " + "; ".join(build.failures[:3]))
            return 1
        breakdown = dbt_breakdown(build)
        progress("bench: the same SQL directly in DuckDB")
        direct = _direct(loaded_copy, warehouse)
        progress("bench: DuckDB's typed read_csv of the same files (the load's floor)")
        floor, floor_rows = _read_csv_floor(landing, root)
        with duckdb.connect(str(warehouse), read_only=True) as con:
            counts = raw_row_counts(con)
        progress("bench: a one-month refresh on top of the month before")
        month = _incremental(warehouse, landing)
        start_up = _start_up(warehouse)
        print(f"\nNorrlager benchmark (scale {scale}, {root})")
        print(f"{'step':<12}{'wall s':>10}{'peak MiB':>12}")
        for name, sec, mb in rows:
            print(f"{name:<12}{sec:>10.1f}{mb:>12.0f}")
        print("\nrows per raw table: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))
        raw_rows = sum(counts.values())
        load_s = rows[1][1]
        print(f"\nload {load_s:.1f} s ({raw_rows / load_s:,.0f} rows/s) vs DuckDB's typed "
              f"read_csv of the same files {floor:.1f} s ({floor_rows:,} rows): "
              f"ratio {load_s / floor:.2f} (target <= 1.3)")
        ratio = build.seconds / direct
        print(f"\ndbt build {build.seconds:.1f} s vs the same SQL run directly in DuckDB "
              f"{direct:.1f} s: ratio {ratio:.2f} (target <= 1.5)")
        print(f"(dbt parse before it, once per change of the project: {parse_s:.1f} s)")
        print(f"dbt's own cost (start-up, parsing, per-node bookkeeping): "
              f"{build.seconds - direct:.1f} s, of which:")
        b = breakdown
        print(f"  before the first node (interpreter, parse, adapter, on-run-start) "
              f"{b['before_first_node_s']:.1f} s; after the last (artifacts, exit) "
              f"{b['after_last_node_s']:.1f} s")
        print(f"  the nodes' span {b['nodes_span_s']:.1f} s on {b['threads']} threads; summed "
              f"over them: compile {b['compile_s']:.1f} s, execute models "
              f"{b['execute_models_s']:.1f} s, tests {b['execute_tests_s']:.1f} s, seeds "
              f"{b['execute_seeds_s']:.1f} s, between steps {b['between_steps_s']:.1f} s")
        full_refresh = rows[1][1] + build.seconds
        refresh_s = month.load_s + month.dbt_s
        nodes = sum(build.counts.values())
        print(f"\none-month incremental refresh (load {month.load_s:.1f} s + dbt build "
              f"{month.dbt_s:.1f} s, {month.nodes} of {nodes} nodes) vs full (load "
              f"{rows[1][1]:.1f} s + dbt build {build.seconds:.1f} s): "
              f"{refresh_s / full_refresh:.0%} (target <= 15 %)")
        print(f"  of which dbt's fixed start-up (a build that selects nothing) {start_up:.1f} s: "
              f"{start_up / full_refresh:.0%} of the full refresh before any node runs")
        r = month.breakdown
        print(f"  its dbt build: before the first node {r['before_first_node_s']:.1f} s, the "
              f"nodes' span {r['nodes_span_s']:.1f} s (summed over {r['threads']} threads: "
              f"compile {r['compile_s']:.1f} s, execute models {r['execute_models_s']:.1f} s, "
              f"tests {r['execute_tests_s']:.1f} s), after the last {r['after_last_node_s']:.1f} s")
        result = {
            "scale": scale,
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
            "stages": {name: {"seconds": round(sec, 2), "peak_mib": round(mb)}
                       for name, sec, mb in rows},
            "raw_rows": counts, "load_rows_per_second": round(raw_rows / load_s),
            "load_vs_read_csv": {"load_s": round(load_s, 2), "read_csv_s": round(floor, 2),
                                 "ratio": round(load_s / floor, 3)},
            "dbt_vs_direct": {"dbt_s": round(build.seconds, 2), "direct_s": round(direct, 2),
                              "ratio": round(ratio, 3), "breakdown": breakdown,
                              "parse_before_s": round(parse_s, 2)},
            "refresh_vs_full": {"load_s": round(month.load_s, 2),
                                "dbt_s": round(month.dbt_s, 2),
                                "nodes": month.nodes, "full_nodes": nodes,
                                "dbt_start_up_s": round(start_up, 2),
                                "breakdown": month.breakdown,
                                "share": round(refresh_s / full_refresh, 3)},
        }
        _write_result(result, scale, out)
        return 0
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _write_result(result: dict, scale: float, out: Path | None) -> None:
    target = out or PROJECT_DIR / "bench" / "results" / (
        time.strftime("%Y%m%dT%H%M%S") + f"-scale{scale:g}.json")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"\nresult: {target}")


def _end_to_end(scale: float, root: Path, progress: Callable[[str], None],
                out: Path | None) -> int:
    landing, warehouse = root / "landing", root / "bench.duckdb"
    stages = {}
    with DiskPeak(root) as disk:
        t0 = time.perf_counter()
        simulate_region(landing, scale=scale, progress=progress)
        stages["simulate"] = (time.perf_counter() - t0, _peak_mb(), disk.size())
        os.sync()  # as in run_bench
        t0 = time.perf_counter()
        report = load_landing(warehouse, landing, progress=progress, demo=True)
        stages["load"] = (time.perf_counter() - t0, _peak_mb(), disk.size())
        progress("bench: dbt build")
        _plan, build = refresh_build(warehouse, progress=progress)
        stages["dbt build"] = (build.seconds, build.peak_mib, disk.size())
    with duckdb.connect(str(warehouse), read_only=True) as con:
        counts = raw_row_counts(con)
    print(f"\nNorrlager end to end (scale {scale}, {root})")
    print(f"{'step':<12}{'wall s':>10}{'peak MiB':>12}{'disk GiB after':>16}")
    for name, (sec, mb, size) in stages.items():
        print(f"{name:<12}{sec:>10.1f}{mb:>12.0f}{size / 2**30:>16.1f}")
    print(f"peak disk {disk.peak / 2**30:.1f} GiB; raw rows {sum(counts.values()):,}; "
          f"{len(report.rejected)} files rejected; dbt build "
          f"{'passed' if build.success else 'FAILED: ' + '; '.join(build.failures[:3])}")
    _write_result({
        "scale": scale, "end_to_end": True,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "stages": {name: {"seconds": round(sec, 2), "peak_mib": round(mb),
                          "disk_after_gib": round(size / 2**30, 2)}
                   for name, (sec, mb, size) in stages.items()},
        "peak_disk_gib": round(disk.peak / 2**30, 2), "raw_rows": counts,
        "rejected_files": len(report.rejected), "dbt_success": build.success}, scale, out)
    return 0 if build.success and not report.rejected else 1
