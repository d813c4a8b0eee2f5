"""Paths and settings, each overridable by an environment variable."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent


def _path(env: str, default: str) -> Path:
    value = Path(os.environ.get(env, default))
    return value if value.is_absolute() else PROJECT_DIR / value


def warehouse_path() -> Path:
    """The DuckDB file dbt builds into (NORRLAGER_WAREHOUSE)."""
    return _path("NORRLAGER_WAREHOUSE", "warehouse/norrlager.duckdb")


def dbt_target_dir(project_dir: Path = PROJECT_DIR) -> Path:
    """Where dbt writes its artifacts (manifest, run results, compiled SQL) for a project: its
    target/, or DBT_TARGET_PATH (relative to the project, as dbt reads it), so that two dbt
    processes on one checkout (two test workers, two regions) each keep their own."""
    return project_dir / os.environ.get("DBT_TARGET_PATH", "target")


def dbt_log_dir(project_dir: Path = PROJECT_DIR) -> Path:
    """Where dbt writes dbt.log: logs/, or DBT_LOG_PATH (relative to the project)."""
    return project_dir / os.environ.get("DBT_LOG_PATH", "logs")


def landing_dir() -> Path:
    """Where source systems deliver their extracts (NORRLAGER_LANDING)."""
    return _path("NORRLAGER_LANDING", "landing")


def region_size() -> float:
    """How many times the demo region (Norrbotten) the deployment's region is
    (NORRLAGER_REGION_SIZE, default 1). The extract contracts' amount ceilings grow with it: a
    region the size of Sweden books forty times Norrbotten's tax revenue on one budget line."""
    value = float(os.environ.get("NORRLAGER_REGION_SIZE", "1"))
    if value <= 0:
        raise ValueError(f"NORRLAGER_REGION_SIZE must be above 0, not {value}")
    return value


def set_region_size(scale: float) -> None:
    """The simulated demo's region is `scale` times Norrbotten: its loads check amounts
    against ceilings as large (see region_size)."""
    os.environ["NORRLAGER_REGION_SIZE"] = repr(float(scale))


def quiet_telemetry() -> None:
    """Telemetry calls hang or fail on machines without internet access."""
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DBT_PROFILES_DIR", str(PROJECT_DIR))


@cache
def dbt_vars() -> dict:
    """The project's settings shared by dbt and Python (the years each source system covers,
    the report year, hours per FTE …): the `vars` of dbt_project.yml, the one place they live."""
    project = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))
    return dict(project["vars"])
