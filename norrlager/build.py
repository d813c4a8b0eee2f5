"""Run dbt once per build: `dbt build` (seeds, models, tests) in-process."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from norrlager.config import PROJECT_DIR, quiet_telemetry


@dataclass
class BuildResult:
    success: bool
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)  # node type/status -> n
    failures: list[str] = field(default_factory=list)


def dbt_invoke(args: list[str], warehouse: Path) -> object:
    quiet_telemetry()
    os.environ["NORRLAGER_WAREHOUSE"] = str(warehouse.resolve())
    from dbt.cli.main import dbtRunner

    return dbtRunner().invoke([*args, "--project-dir", str(PROJECT_DIR),
                               "--profiles-dir", str(PROJECT_DIR)])


def dbt_build(warehouse: Path, select: str | None = None,
              progress: Callable[[str], None] = print) -> BuildResult:
    t0 = time.perf_counter()
    progress("dbt build: seeds, models and tests (one invocation)")
    args = ["build"]
    if select:
        args += ["--select", select]
    res = dbt_invoke(args, warehouse)
    result = BuildResult(success=bool(res.success), seconds=time.perf_counter() - t0)
    for r in getattr(res.result, "results", None) or []:
        kind = r.node.resource_type
        key = f"{kind}:{r.status}"
        result.counts[key] = result.counts.get(key, 0) + 1
        if str(r.status) in {"error", "fail"}:
            result.failures.append(f"{r.node.unique_id}: {r.message}")
    if res.exception is not None:
        result.failures.append(str(res.exception))
    return result
