"""What a refresh's dbt build rebuilds: only what changed since the last successful build.

Two things change a warehouse between two refreshes, and dbt can select both:
- data: the raw tables a load wrote to. The load log (audit.load_log) records every applied
  delivery with its load time, so the sources loaded after the last successful build are
  known exactly, and `source:<system>.<table>+` selects what is downstream of them: its tables,
  incremental models and data tests, not its views (new rows leave a view's query as it was).
  This is sharper than dbt's `source_status:fresher+`, which costs a `dbt source freshness`
  run of its own and sees only the latest load time of each table.
- code: the project's models, macros, tests and seeds. When they changed, dbt's state
  selection (`state:modified+` against the manifest of the last successful build) adds what
  the change touches.

The incremental models downstream of the incremental staging models rebuild the periods whose
source rows were loaded after the last successful build (NORRLAGER_LOADED_SINCE, macro
periods_loaded_since_last_refresh); what the code change touches is rebuilt from scratch
(--full-refresh of the selection), so no period keeps what old logic made. So is the selection
when a corrected delivery replaced one that had rows: the incremental models replace the
periods their new rows reach, and cannot know which periods the withdrawn rows reached (an
emptied month, an absence spell registered late and withdrawn).

What neither reached (the seeds, the dimensions built from them, the yearly statistics in a
month that brings none, and their tests) stays as the last build left it. A change dbt's state
comparison cannot see, a var or a setting in dbt_project.yml or profiles.yml, another dbt
version, or no record of an earlier build, rebuilds everything; so does --full-refresh.

The record of the last successful build lives beside the warehouse
(`<warehouse>.build-state/`): dbt's manifest of that build and `build.json` (the newest load
time it saw, the project's fingerprint and dbt's version). It is written only after a build
that succeeded, so a failed build's loads are selected again by the next refresh.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from norrlager.config import PROJECT_DIR, dbt_target_dir
from norrlager.ingest.contracts import ENTITIES
from norrlager.transform.build import BuildResult, dbt_build, project_fingerprint

STATE_FILE = "build.json"
# Settings dbt's state comparison does not follow into the models (vars, the profile).
SETTINGS = ("dbt_project.yml", "profiles.yml")


@dataclass
class BuildPlan:
    """One refresh's dbt build: `select` None builds everything; an empty one builds nothing."""
    select: str | None
    reason: str
    loaded_through: str | None  # the newest load time in audit.load_log when planned
    fingerprint: str
    state: Path | None = None  # the last build's manifest folder, for state:modified
    # The newest load time the last successful build saw: the incremental models downstream
    # of staging rebuild the periods loaded after it (macro periods_loaded_since_last_refresh).
    loaded_since: str | None = None
    # Changed code rebuilds what it touches from scratch: an incremental model whose logic
    # changed would otherwise keep its old periods as the old logic made them.
    full_refresh: bool = False

    @property
    def env(self) -> dict[str, str]:
        # Always set: one left in the caller's environment must not narrow a full build.
        return {"NORRLAGER_LOADED_SINCE": self.loaded_since or ""}

    @property
    def nothing(self) -> bool:
        return self.select == ""


def state_dir(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".build-state")


def _settings_digest(project_dir: Path | None = None) -> str:
    digest = hashlib.sha256()
    for name in SETTINGS:
        path = (project_dir or PROJECT_DIR) / name
        digest.update(name.encode() + (path.read_bytes() if path.exists() else b""))
    return digest.hexdigest()


def _dbt_version() -> str:
    from importlib.metadata import version

    return f"dbt-core {version('dbt-core')}, dbt-duckdb {version('dbt-duckdb')}"


def loaded_sources(con: duckdb.DuckDBPyConnection, since: str | None) -> list[str]:
    """The dbt sources (`system.table`) that loads wrote to after `since` (a load time; None:
    every source ever loaded), from the load log."""
    rows = con.execute(
        """select distinct system, entity from audit.load_log
           where ? is null or loaded_at > cast(? as timestamp) order by all""",
        [since, since]).fetchall()
    return [f"{system}.{ENTITIES[f'{system}_{entity}'].table}" for system, entity in rows]


def corrected_sources(con: duckdb.DuckDBPyConnection, since: str | None) -> list[str]:
    """The sources a load after `since` corrected: a delivery that superseded one with rows.
    Its descendants are rebuilt from scratch: an incremental model replaces the periods its new
    rows reach, and the withdrawn rows may have reached others (an emptied month; an absence
    spell, registered late, that crossed into the month before)."""
    rows = con.execute(
        """with loaded as (
               select distinct system, entity, period from audit.load_log
               where status = 'loaded' and (? is null or loaded_at > cast(? as timestamp))
           )
           select distinct loaded.system, loaded.entity from loaded
           join audit.load_log as earlier using (system, entity, period)
           where earlier.status = 'superseded' and earlier.rows > 0
           order by all""", [since, since]).fetchall()
    return [f"{system}.{ENTITIES[f'{system}_{entity}'].table}" for system, entity in rows]


def data_selection(source: str) -> list[str]:
    """What new rows of one source rebuild: the tables and incremental models downstream of it
    and every data test there. Not its views: a view stores its query, not rows, so new data
    leaves it as it was (a changed view is code, and state:modified+ selects it). Their tests
    still run, on the new rows beneath them."""
    downstream = f"source:{source}+"
    return [f"{downstream},config.materialized:{kind}" for kind in ("table", "incremental")] + [
        f"{downstream},resource_type:test"]


def _newest_load(con: duckdb.DuckDBPyConnection) -> str | None:
    value = con.execute("select max(loaded_at) from audit.load_log").fetchall()[0][0]
    return value.isoformat() if value is not None else None


def _last_build(warehouse: Path) -> dict | None:
    folder = state_dir(warehouse)
    try:
        state = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if (folder / "manifest.json").exists() else None


def plan_build(warehouse: Path, full_refresh: bool = False) -> BuildPlan:
    """The selection of the next refresh's build (read while the refresh holds the lock)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        newest = _newest_load(con)
        last = _last_build(warehouse)
        fingerprint = project_fingerprint()

        def everything(why: str) -> BuildPlan:
            return BuildPlan(None, f"everything: {why}", newest, fingerprint,
                             full_refresh=full_refresh)

        if full_refresh:
            return everything("a full refresh")
        if last is None:
            return everything("no earlier build of this warehouse is recorded")
        if last.get("settings") != _settings_digest():
            return everything("dbt_project.yml or profiles.yml changed since the last build")
        if last.get("dbt") != _dbt_version():
            return everything(f"{_dbt_version()} did not make the last build")
        sources = loaded_sources(con, last.get("loaded_through"))
        corrected = corrected_sources(con, last.get("loaded_through"))
    code_changed = last.get("fingerprint") != fingerprint
    parts = [part for s in sources for part in data_selection(s)] + (
        ["state:modified+"] if code_changed else [])
    reasons = ([f"downstream of {len(sources)} sources loaded since the last build"]
               if sources else []) + (["what the code change touches, rebuilt from scratch"]
                                      if code_changed else [])
    if corrected:
        reasons.append(f"from scratch: a corrected delivery of {', '.join(corrected)}")
    return BuildPlan(" ".join(parts), "; ".join(reasons) or "nothing: no new data, no new code",
                     newest, fingerprint, state_dir(warehouse) if code_changed else None,
                     loaded_since=last.get("loaded_through"),
                     full_refresh=code_changed or bool(corrected))


def record_build(warehouse: Path, plan: BuildPlan, project_dir: Path | None = None) -> None:
    """After a successful build: its manifest and what it saw become the next plan's base."""
    project_dir = project_dir or PROJECT_DIR
    folder = state_dir(warehouse)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(dbt_target_dir(project_dir) / "manifest.json", folder / "manifest.json.tmp")
    os.replace(folder / "manifest.json.tmp", folder / "manifest.json")
    state = {"loaded_through": plan.loaded_through, "fingerprint": plan.fingerprint,
             "settings": _settings_digest(project_dir), "dbt": _dbt_version()}
    (folder / f"{STATE_FILE}.tmp").write_text(json.dumps(state, indent=2), encoding="utf-8")
    os.replace(folder / f"{STATE_FILE}.tmp", folder / STATE_FILE)


def refresh_build(warehouse: Path, full_refresh: bool = False,
                  progress: Callable[[str], None] = print) -> tuple[BuildPlan, BuildResult]:
    """Plan, run and record one refresh's dbt build (production mode: no unit tests)."""
    plan = plan_build(warehouse, full_refresh)
    progress(f"dbt build selects {plan.reason}")
    if plan.nothing:
        return plan, BuildResult(success=True, seconds=0.0, selected_all=False)
    result = dbt_build(warehouse, select=plan.select, state=plan.state, progress=progress,
                       full_refresh=plan.full_refresh, unit_tests=False, extra_env=plan.env)
    result.selected_all = plan.select is None
    if result.success:
        record_build(warehouse, plan)
    return plan, result
