"""Run dbt once per build: `dbt build` (seeds, models and tests) in a child process.

A child process, not dbt's in-process runner: dbt-duckdb keeps its connection to the warehouse
file open for the life of the process, and DuckDB allows one writer or many readers, so the
build must let go of the file when it ends.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from norrlager.config import PROJECT_DIR, dbt_target_dir, quiet_telemetry


@dataclass
class BuildResult:
    success: bool
    seconds: float
    peak_mib: float = 0.0
    started_at: float = 0.0  # epoch seconds, to place run_results.json's node timings
    counts: dict[str, int] = field(default_factory=dict)  # "model:success" -> n
    failures: list[str] = field(default_factory=list)
    selected_all: bool = True  # every node was selected (and so compiled)


def dbt_executable() -> str:
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


# dbt's lines worth showing while it runs: models built, problems, and the totals.
PROGRESS_WORDS = (" OK created ", "ERROR", "FAIL", "WARN ", "Finished running", "Done.")
# Spark's own log lines (log4j, "yy/MM/dd HH:mm:ss LEVEL ...") in a build on target spark: its
# warnings are about the engine, not the build, and dbt reports the build's errors itself.
SPARK_LOG_LINE = re.compile(r"^\d\d/\d\d/\d\d \d\d:\d\d:\d\d ")


def _peak_rss_mib(pid: int) -> float:
    """High-water mark of a live child's resident memory (Linux /proc), else 0."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def dbt_env(warehouse: Path, extra_env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of every dbt process: the warehouse path is part of the profile (a
    changed one makes dbt parse the project again), and dbt never needs the pseudonymisation
    key, so it is kept out of its process altogether."""
    quiet_telemetry()
    env = dict(os.environ, NORRLAGER_WAREHOUSE=str(warehouse.resolve()), **(extra_env or {}))
    env.pop("NORRLAGER_PSEUDONYM_KEY", None)
    # dbt writes logs/dbt.log at debug level by default: every statement's SQL, formatted in
    # Python on the build's threads, ~2 s of a one-month refresh's 15 (norrlager bench). Info
    # keeps each node's start, result and timing; DBT_LOG_LEVEL_FILE=debug brings the SQL back.
    env.setdefault("DBT_LOG_LEVEL_FILE", "info")
    return env


def dbt_invoke(args: list[str], warehouse: Path, progress: Callable[[str], None] = print,
               project_dir: Path = PROJECT_DIR,
               extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """One dbt command against `warehouse`; project_dir is a copy of the project when a test
    changes a model; extra_env adds settings of another target (Spark's folders)."""
    env = dbt_env(warehouse, extra_env)
    cmd = [dbt_executable(), *args, "--project-dir", str(project_dir),
           "--profiles-dir", str(project_dir)]
    proc = subprocess.Popen(cmd, cwd=project_dir, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    output = []
    assert proc.stdout is not None
    peak = 0.0
    for line in proc.stdout:
        output.append(line)
        peak = max(peak, _peak_rss_mib(proc.pid))
        if any(word in line for word in PROGRESS_WORDS) and not SPARK_LOG_LINE.match(line):
            progress("  dbt | " + line.rstrip().split("  ", 1)[-1])
    proc.wait()
    done = subprocess.CompletedProcess(cmd, proc.returncode, "".join(output), "")
    done.peak_mib = peak  # type: ignore[attr-defined]
    return done


def stored_failures(warehouse: Path, relation: str, limit: int = 10) -> list[str]:
    """The first failing rows of a test that stores its failures (only tests whose rows are
    keys of aggregates do: builds_its_declared_figures), one line each."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(f"select * from {relation} limit {int(limit)}").fetchall()
    return [" | ".join(str(v) for v in row) for row in rows]


def read_run_results(result: BuildResult, warehouse: Path | None = None,
                     project_dir: Path = PROJECT_DIR, target_path: Path | None = None) -> None:
    """Counts per kind and status, and the failures, of a build's run_results.json (in
    target_path, default the project's target/); stored failing rows are read from a DuckDB
    `warehouse` when given."""
    path = (target_path or dbt_target_dir(project_dir)) / "run_results.json"
    if not path.exists():
        return
    for r in json.loads(path.read_text(encoding="utf-8")).get("results", []):
        kind = r["unique_id"].split(".")[0]
        key = f"{kind}:{r['status']}"
        result.counts[key] = result.counts.get(key, 0) + 1
        if r["status"] in {"error", "fail"}:
            message = f"{r['unique_id']}: {r.get('message')}"
            if r["status"] == "fail" and r.get("relation_name") and warehouse is not None:
                message += "".join(f"\n    {row}" for row in
                                   stored_failures(warehouse, r["relation_name"]))
            result.failures.append(message)


def dbt_build(warehouse: Path, select: str | None = None,
              progress: Callable[[str], None] = print, full_refresh: bool = False,
              unit_tests: bool = True, project_dir: Path = PROJECT_DIR,
              state: Path | None = None,
              extra_env: dict[str, str] | None = None) -> BuildResult:
    """One `dbt build`. unit_tests=False is the production mode of a refresh: unit tests check
    the models' logic on hand-made rows, not the data, so they run in `make test` and CI (as
    dbt Labs advises), not in every monthly refresh. `state`: the folder of an earlier build's
    manifest, for a selection with state:modified (norrlager.transform.build_plan);
    `extra_env`: settings for dbt's process (the refresh's NORRLAGER_LOADED_SINCE)."""
    t0, started_at = time.perf_counter(), time.time()
    progress("dbt build: seeds, models and data tests (one invocation)"
             + ("" if not unit_tests else ", unit tests")
             + (", full refresh" if full_refresh else ""))
    args = ["build"] + (["--select", select] if select else [])
    if full_refresh:
        args.append("--full-refresh")
    if state is not None:
        args += ["--state", str(state)]
    if not unit_tests:
        args += ["--exclude-resource-type", "unit_test"]
    # A dbt that fails before it runs a node (a parse error) writes no run results: the last
    # build's must not be read as this one's.
    (dbt_target_dir(project_dir) / "run_results.json").unlink(missing_ok=True)
    proc = dbt_invoke(args, warehouse, progress, project_dir, extra_env)
    result = BuildResult(success=proc.returncode == 0, seconds=time.perf_counter() - t0,
                         peak_mib=getattr(proc, "peak_mib", 0.0), started_at=started_at)
    read_run_results(result, warehouse, project_dir)
    if proc.returncode != 0 and not result.failures:
        result.failures.append(proc.stdout[-2000:])
    return result


# What the docs site is made of: the project's code and the seeds (its columns' types come
# from the models, so a new month of data changes nothing in it).
DOCS_INPUTS = ("models", "macros", "seeds", "dbt_tests", "analyses", "dbt_project.yml")


def project_fingerprint(project_dir: Path = PROJECT_DIR) -> str:
    """A digest of every file the docs site is generated from."""
    digest = hashlib.sha256()
    for name in DOCS_INPUTS:
        path = project_dir / name
        if not path.exists():
            continue
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(project_dir)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def dbt_docs(warehouse: Path, out: Path, progress: Callable[[str], None] = print,
             compiled: bool = True) -> Path:
    """`dbt docs generate --static`: the docs site (models, columns, lineage) as one HTML file,
    written atomically to `out`; generated again only when the project's code changed since
    the site in `out` was made (a monthly refresh changes data, not docs). `compiled`: the
    last build compiled every node (it selected them all), so its manifest can serve."""
    stamp = out.with_name(f".{out.name}.fingerprint")
    fingerprint = project_fingerprint()
    if out.exists() and stamp.exists() and stamp.read_text() == fingerprint:
        progress(f"dbt docs: the project is unchanged since {out} was generated; kept")
        return out
    # The build just wrote target/manifest.json with every node's compiled SQL: compiling the
    # project again for the docs costs ~7 s of dbt's per-node bookkeeping and changes nothing.
    compiled = compiled and (dbt_target_dir(PROJECT_DIR) / "manifest.json").exists()
    proc = dbt_invoke(["docs", "generate", "--static"] + (["--no-compile"] if compiled else []),
                      warehouse, progress)
    if proc.returncode != 0:
        raise RuntimeError("dbt docs generate failed: " + proc.stdout[-1000:])
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    shutil.copyfile(dbt_target_dir(PROJECT_DIR) / "static_index.html", tmp)
    os.replace(tmp, out)
    stamp.write_text(fingerprint)
    return out
