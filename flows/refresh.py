"""The monthly refresh as a Prefect flow.

One flow run refreshes the warehouse up to a period: it loads the new or corrected deliveries of
every source system (a task per system; a file still being written is retried with backoff, bad
data is not), checks that every system has delivered every period it needs and that nothing was
rejected, runs `dbt build` once, runs the reconciliation suites, and publishes the BI-facing
marts to the serving database only when everything passed. A failure anywhere leaves the served
data as it was. The run holds the warehouse's lock throughout: a second refresh stops at once.
The demo's backfill (`make run`) is a series of these flow runs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.exceptions import MissingContextError
from prefect.logging import get_logger
from prefect.tasks import exponential_backoff

from norrlager import config
from norrlager.ingest.completeness import data_through, missing_deliveries, write_data_through
from norrlager.ingest.discovery import delivered_periods
from norrlager.ingest.landing import landing_systems, printable
from norrlager.ingest.loader import LoadReport, load_landing
from norrlager.ingest.lock import warehouse_lock
from norrlager.ingest.manifest import PERIOD
from norrlager.ingest.pseudonym import PseudonymKeyError, load_key, take_key_from_environment
from norrlager.quality.privacy import scan_before_publish
from norrlager.quality.validate import ValidationRun, run_validation
from norrlager.serve.deliveries import (
    deliveries_dir,
    remove_legacy_deliveries,
    write_rs,
    write_waiting_times,
)
from norrlager.serve.permissions import private_by_default, secure_outputs
from norrlager.serve.publish import PublishResult, is_served, publish, serving_path
from norrlager.transform.build import BuildResult, dbt_docs
from norrlager.transform.build_plan import refresh_build

config.quiet_telemetry()


class TransientLoadError(RuntimeError):
    """A delivery that may still be arriving (checksum differs, file missing): try again."""


class IncompleteDeliveriesError(RuntimeError):
    """A system has not delivered (or delivered only rejected files for) a needed period."""


class BuildFailedError(RuntimeError):
    pass


class ValidationFailedError(RuntimeError):
    pass


def _logger():
    """The run's logger inside a flow; a plain logger when a task's logic runs on its own."""
    try:
        return get_run_logger()
    except MissingContextError:
        return get_logger("norrlager")


def _retry_only_transient(task, task_run, state) -> bool:
    try:
        state.result()
    except TransientLoadError:
        return True
    except Exception:
        return False
    return False


@task(name="load", retries=3, retry_delay_seconds=exponential_backoff(backoff_factor=2),
      retry_condition_fn=_retry_only_transient, task_run_name="load {system} up to {up_to}")
def load_system(system: str, up_to: str, warehouse: Path, landing: Path,
                demo: bool = False) -> LoadReport:
    """Load one system's deliveries. Bad files are quarantined and reported, not raised: the
    other systems still load, and the completeness check names them all before any build."""
    logger = _logger()
    report = load_landing(warehouse, landing, progress=logger.info, systems=[system],
                          up_to=up_to, demo=demo)
    if report.transient:
        raise TransientLoadError("; ".join(str(e) for e in report.transient))
    for err in report.rejected:
        logger.error(f"REJECTED {err}")
    for file, n in report.masked:
        logger.warning(f"{file}: {n} rows held an identity number in free text; masked as "
                       "[personnummer] before raw")
    logger.info(f"{system}: {len(report.loaded)} files loaded ({report.rows:,} rows), "
                f"{len(report.unchanged)} unchanged, {len(report.rejected)} rejected")
    return report


@task(name="check deliveries")
def check_deliveries(period: str, warehouse: Path, reports: list[LoadReport],
                     allow_incomplete: bool = False) -> dict[str, str | None]:
    """Every needed delivery up to the period is loaded and nothing was rejected; else the
    refresh stops before it builds, naming each missing delivery and rejected file. With
    allow_incomplete it goes on, and each domain's 'data through' period says how far it goes.
    Returns that period per mart domain."""
    import duckdb

    with duckdb.connect(str(warehouse)) as con:
        missing = missing_deliveries(con, period)
        through = data_through(con, period)
        write_data_through(con, through)
    rejected = [err for r in reports for err in r.rejected]
    problems = [str(m) for m in missing] + [f"rejected: {err}" for err in rejected]
    logger = _logger()
    for domain, last in through.items():
        logger.info(f"data through: {domain} {last or 'nothing'}")
    if problems and not allow_incomplete:
        head = "; ".join(problems[:20]) + (f"; and {len(problems) - 20} more"
                                           if len(problems) > 20 else "")
        raise IncompleteDeliveriesError(
            f"nothing published for {period}: {len(missing)} missing deliveries, "
            f"{len(rejected)} rejected files (audit.quarantine). {head}")
    for p in problems:
        logger.warning(f"published incomplete: {p}")
    return through


@task(name="dbt build")
def build(warehouse: Path, full_refresh: bool) -> BuildResult:
    """Builds what the loads and any code change touched since the last successful build
    (norrlager.transform.build_plan); everything on the first build or a full refresh."""
    logger = _logger()
    _plan, result = refresh_build(warehouse, full_refresh, progress=logger.info)
    if not result.success:
        raise BuildFailedError("dbt build failed: " + "; ".join(result.failures[:5]))
    return result


@task(name="validate")
def validate(warehouse: Path) -> ValidationRun:
    logger = _logger()
    run = run_validation(warehouse, progress=logger.info)
    for finding in run.failures(gate_only=False):
        if not finding.gate:
            logger.info(f"report finding: {finding.message}")
    if not run.success:
        raise ValidationFailedError("validation failed, nothing published: "
                               + " | ".join(f.message for f in run.failures()))
    return run


class PrivacyScanFailedError(RuntimeError):
    pass


@task(name="privacy scan")
def privacy_scan(warehouse: Path, serving: Path) -> None:
    """Nothing is published that holds a value shaped like an identity number, or the key:
    the tables about to be served, the docs site and Data Docs are scanned first. A hit names
    table and column (or file), never the value, and stops the publish."""
    try:
        secret = load_key(demo=False, progress=lambda _m: None).secret
    except PseudonymKeyError:
        secret = None  # the service's key lives elsewhere: scan for identity numbers only
    files = [serving.parent / "docs", warehouse.parent / "gx" / "uncommitted" / "data_docs"]
    hits = scan_before_publish(warehouse, is_served, files, secret)
    if hits:
        raise PrivacyScanFailedError("privacy scan: nothing published; " + "; ".join(hits[:20]))
    _logger().info("privacy scan: no identity number or key in what is about to be published")


@task(name="publish")
def publish_marts(warehouse: Path, serving: Path) -> PublishResult:
    result = publish(warehouse, serving)
    _logger().info(f"published {len(result.tables)} tables to {result.serving}, Parquet to "
                   f"{result.exports} and the report to {result.report} "
                   f"({result.seconds:.1f} s)")
    return result


@task(name="national deliveries")
def national_deliveries(warehouse: Path, serving: Path) -> Path:
    """The files for national bodies (the monthly waiting-time delivery to SKR, the yearly
    räkenskapssammandrag to SCB) in the warehouse's private deliveries/ folder, outside the
    serving tree BI is given: the waiting-time delivery is row-level. A file is rewritten only
    when its rows changed."""
    out = deliveries_dir(warehouse)
    write_waiting_times(warehouse, out / "waiting_times", progress=_logger().info)
    write_rs(warehouse, out / "rakenskapssammandrag", progress=_logger().info)
    legacy = remove_legacy_deliveries(serving)
    if legacy:
        _logger().info(f"removed {legacy}: deliveries are written to {out}, outside serving/")
    return out


@task(name="dbt docs")
def docs(warehouse: Path, serving: Path, compiled: bool = True) -> Path:
    """The dbt docs site (models, columns, lineage), published beside the report. `compiled`:
    the build compiled every node, so docs need not compile them again."""
    site = dbt_docs(warehouse, serving.parent / "docs" / "index.html", progress=_logger().info,
                    compiled=compiled)
    _logger().info(f"dbt docs at {site}")
    return site


@dataclass
class RefreshSummary:
    period: str
    loads: list[LoadReport] = field(default_factory=list)
    build: BuildResult | None = None
    validation: ValidationRun | None = None
    published: PublishResult | None = None
    docs: Path | None = None
    report: Path | None = None
    deliveries: Path | None = None
    data_through: dict[str, str | None] = field(default_factory=dict)

    @property
    def rows_loaded(self) -> int:
        return sum(r.rows for r in self.loads)

    def lines(self) -> list[str]:
        files = sum(len(r.loaded) for r in self.loads)
        out = [f"refresh up to {self.period}: {files} files, {self.rows_loaded:,} rows loaded"]
        if self.build:
            out.append(f"  dbt build {self.build.seconds:.1f} s: " + ", ".join(
                f"{k} {n}" for k, n in sorted(self.build.counts.items())))
        if self.validation:
            out.append(f"  validation passed ({self.validation.seconds:.1f} s); "
                       f"Data Docs {self.validation.data_docs}")
        if self.published:
            out.append(f"  served {self.published.serving}; Parquet {self.published.exports}")
        if self.report:
            out.append(f"  report {self.report}; dbt docs {self.docs}")
        if self.deliveries:
            out.append(f"  national deliveries {self.deliveries}")
        return out


def latest_period(landing: Path) -> str:
    periods = delivered_periods(landing)
    if not periods:
        raise FileNotFoundError(f"no deliveries in {landing}")
    return periods[-1]


@flow(name="norrlager-refresh", log_prints=True)
def refresh(period: str | None = None, full_refresh: bool = False,
            warehouse: str | None = None, landing: str | None = None,
            serving: str | None = None, demo: bool = False,
            allow_incomplete: bool = False) -> RefreshSummary:
    """Refresh the warehouse with every delivery up to `period` (YYYY-MM; default: the latest
    delivered), then build, validate and publish. `demo` creates a pseudonymisation key when
    there is none; `allow_incomplete` publishes although a delivery is missing or rejected."""
    private_by_default()
    take_key_from_environment()
    wh = Path(warehouse) if warehouse else config.warehouse_path()
    land = Path(landing) if landing else config.landing_dir()
    period = period or latest_period(land)
    with warehouse_lock(wh, what=f"refresh up to {period}"):
        return _refresh(period, full_refresh, wh, land, serving, demo, allow_incomplete)


def _refresh(period: str, full_refresh: bool, wh: Path, land: Path, serving: str | None,
             demo: bool, allow_incomplete: bool) -> RefreshSummary:
    summary = RefreshSummary(period)
    systems = landing_systems(land)
    for system in systems:  # one at a time: DuckDB has one writer
        summary.loads.append(load_system(system, period, wh, land, demo))
    summary.data_through = check_deliveries(period, wh, summary.loads, allow_incomplete)
    summary.build = build(wh, full_refresh)
    summary.validation = validate(wh)
    served = Path(serving) if serving else serving_path(wh)
    summary.docs = docs(wh, served, compiled=summary.build.selected_all)
    privacy_scan(wh, served)
    summary.published = publish_marts(wh, served)
    summary.report = summary.published.report
    summary.deliveries = national_deliveries(wh, served)
    secure_outputs(wh, served)
    for line in summary.lines():
        print(line)
    return summary


class RefusedParametersError(ValueError):
    """A run of the deployment asked for something the service does not do."""


@flow(name="norrlager-monthly-refresh", log_prints=True)
def monthly_refresh(period: str | None = None, full_refresh: bool = False,
                    allow_incomplete: bool = False) -> RefreshSummary:
    """The served deployment's flow: the monthly refresh over the service's own warehouse,
    landing and serving folders (NORRLAGER_WAREHOUSE, NORRLAGER_LANDING, NORRLAGER_SERVING).
    It takes no path and no `demo`: Prefect refuses a run that passes one before the flow
    starts (its parameters must match this signature), so an API caller cannot point the
    service's key at a landing folder of their own (a pseudonym oracle) or have row-level files
    written where they like."""
    if period is not None and not PERIOD.fullmatch(str(period)):
        raise RefusedParametersError(f"period must be YYYY-MM, not {printable(period, 20)!r}")
    return refresh(period=period, full_refresh=full_refresh, allow_incomplete=allow_incomplete)


MONTHLY_CRON = "0 6 5 * *"  # the 5th of every month at 06:00, after the ledger has closed
TIMEZONE = "Europe/Stockholm"


def serve(cron: str = MONTHLY_CRON, timezone: str = TIMEZONE) -> None:
    """Register the deployment with its monthly schedule and run it when it is due."""
    from prefect.schedules import Cron

    monthly_refresh.serve(name="monthly", schedules=[Cron(cron, timezone=timezone)],
                  description="Monthly refresh of the Norrlager warehouse",
                  tags=["norrlager"], parameters={},
                  limit=1, pause_on_shutdown=False)


if __name__ == "__main__":
    if os.environ.get("NORRLAGER_SERVE"):
        serve()
    else:
        refresh()
