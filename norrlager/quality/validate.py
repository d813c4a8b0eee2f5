"""`norrlager validate`: the reconciliation suites (expectations/*.yml) run with Great
Expectations after `dbt build`.

Each check is a SQL query returning rows of (key, value); its rows are read from DuckDB into a
pandas DataFrame and validated by one expectation (values between min and max) whose failures
name the offending keys. Only aggregates and keys (periods, cost centres, accounts, report lines)
are validated, never person-level rows, so no result can echo a personal value. Results are
stored in `audit.validation_results` (history over runs) and published as Data Docs.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd
import yaml

from norrlager.config import PROJECT_DIR, quiet_telemetry
from norrlager.ingest.contracts import ENTITIES, PSEUDONYM_COLUMN

SUITES_DIR = PROJECT_DIR / "expectations"


@dataclass
class CheckResult:
    suite: str
    check: str
    description: str
    success: bool
    evaluated: int
    failing_keys: list[str]
    gate: bool

    @property
    def message(self) -> str:
        keys = "; ".join(self.failing_keys[:10])
        more = f" (+{len(self.failing_keys) - 10} more)" if len(self.failing_keys) > 10 else ""
        return f"suite {self.suite}, expectation {self.check} failed for: {keys}{more}"


@dataclass
class ValidationRun:
    run_id: str
    results: list[CheckResult] = field(default_factory=list)
    seconds: float = 0.0
    data_docs: str | None = None

    @property
    def success(self) -> bool:
        return all(r.success for r in self.results if r.gate)

    def failures(self, gate_only: bool = True) -> list[CheckResult]:
        return [r for r in self.results if not r.success and (r.gate or not gate_only)]


# What a key may hold on its way to Data Docs (HTML that Great Expectations does not escape)
# and audit.validation_results: letters (å ä ö too), digits, plain punctuation, × and %. Else
# (< > " ' & = ...) is a '?', so a delivered value cannot become markup.
UNSAFE_IN_KEY = re.compile(r"[^\w .:/,;|()+\-–×%]")


def safe_key(key: object) -> str:
    """A check's key restricted to the safe alphabet, at most 300 characters."""
    text = "" if key is None else str(key)
    return UNSAFE_IN_KEY.sub("?", text[:300])


def load_suites(folder: Path = SUITES_DIR) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yml"))]


def _placeholders() -> dict[str, str]:
    totals, keys = [], []
    for e in ENTITIES.values():
        amount = e.amount_column
        debit = f"sum({amount}) filter (where {amount} > 0)" if amount else "0"
        credit = f"-sum({amount}) filter (where {amount} < 0)" if amount else "0"
        totals.append(f"select '{e.system}' as system, '{e.name}' as entity, _file as file, "
                      f"count(*) as n_rows, coalesce({debit}, 0) as debit, "
                      f"coalesce({credit}, 0) as credit from raw.{e.table} group by _file")
        if e.key:  # declared once, in the contract the loader checks too
            # Repeated keys found by grouping on the key's own columns, and spelled out only
            # for those: concatenating every raw row's key first took 5 of validation's 6 s
            # of queries.
            columns = ", ".join(e.raw_key)
            # A key holding a pseudonym is named by where its rows are, never by its value.
            shown = (f"concat_ws('/', {columns})" if PSEUDONYM_COLUMN not in e.raw_key else
                     "'(key not shown: personal data) on ' || string_agg(_file || ' line ' || "
                     "_line_no, ', ' order by _file, _line_no)")
            keys.append(f"select '{e.table}' as entity, {shown} as "
                        f"business_key, string_agg(distinct _delivery_key, ', ' order by "
                        f"_delivery_key) as deliveries, count(*) as n_rows from raw.{e.table} "
                        f"semi join (select {columns} from raw.{e.table} group by {columns} "
                        f"having count(*) > 1) as repeated using ({columns}) group by {columns}")
    return {"raw_control_totals": " union all ".join(totals),
            "raw_repeated_keys": " union all ".join(keys)}


def complete_years(con: duckdb.DuckDBPyConnection) -> str:
    """Per mart domain, the last year its data covers in full (meta.data_through, written by
    the refresh before the build), as SQL rows (domain, last_year). Without meta.data_through
    (a build outside the refresh) no row: every year counts as complete."""
    try:
        rows = con.execute("""select domain, case when data_through is null then 0
                when data_through like '%-12' then cast(left(data_through, 4) as integer)
                else cast(left(data_through, 4) as integer) - 1 end
            from meta.data_through""").fetchall()
    except duckdb.CatalogException:
        rows = []
    values = ", ".join(f"('{domain}', {year})" for domain, year in rows)
    return (f"select * from (values {values}) as t (domain, last_year)" if values
            else "select cast(null as varchar) as domain, cast(null as integer) as last_year "
                 "where false")


def check_frames(con: duckdb.DuckDBPyConnection, suite: dict,
                 subs: dict[str, str]) -> pd.DataFrame:
    """One DataFrame per suite: the rows of all its checks, with a column naming the check."""
    frames = []
    for check in suite["checks"]:
        sql = check["sql"]
        for name, value in subs.items():
            sql = sql.replace("{" + name + "}", value)
        df = con.execute(f"select cast(key as varchar) as key, cast(value as double) as value "
                         f"from ({sql}) as q").df()
        df["key"] = df["key"].map(safe_key)
        df.insert(0, "check", check["name"])
        frames.append(df)
    return pd.concat(frames, ignore_index=True)


def _gx_context(root: Path):
    quiet_telemetry()
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    import great_expectations as gx

    root.mkdir(parents=True, exist_ok=True)
    ctx = gx.get_context(mode="file", project_root_dir=str(root))
    from great_expectations.data_context.types.base import ProgressBarsConfig

    # One progress bar per expectation is noise in a refresh's log.
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return gx, ctx


def run_validation(warehouse: Path, progress: Callable[[str], None] = print,
                   suites: list[dict] | None = None, docs_root: Path | None = None,
                   record: bool = True) -> ValidationRun:
    t0 = time.perf_counter()
    suites = load_suites() if suites is None else suites
    run = ValidationRun(run_id=uuid.uuid4().hex[:12])
    with duckdb.connect(str(warehouse), read_only=True) as con:
        subs = _placeholders() | {"complete_years": complete_years(con)}
        frames = {s["suite"]: check_frames(con, s, subs) for s in suites}
    progress(f"validation: {sum(len(s['checks']) for s in suites)} checks in {len(suites)} "
             f"suites queried ({time.perf_counter() - t0:.1f} s)")
    gx, ctx = _gx_context(docs_root or warehouse.parent)
    from great_expectations.expectations.row_conditions import Column
    source = ctx.data_sources.add_or_update_pandas("norrlager_checks")
    # COMPLETE lists each failing row's key; the rows are aggregates, never persons.
    result_format = {"result_format": "COMPLETE", "unexpected_index_column_names": ["key"],
                     "return_unexpected_index_query": False}
    for suite in suites:
        name = suite["suite"]
        asset = source.add_dataframe_asset(name) if name not in {
            a.name for a in source.assets} else source.get_asset(name)
        batch = next((b for b in asset.batch_definitions if b.name == "checks"), None) or \
            asset.add_batch_definition_whole_dataframe("checks")
        gx_suite = gx.ExpectationSuite(name=name, meta={"description": suite["description"]})
        for check in suite["checks"]:
            gx_suite.add_expectation(gx.expectations.ExpectColumnValuesToBeBetween(
                column="value", min_value=check.get("min", 0), max_value=check.get("max", 0),
                row_condition=Column("check") == check["name"],
                meta={"check": check["name"], "description": check["description"]}))
        gx_suite = ctx.suites.add_or_update(gx_suite)
        definition = ctx.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=name, data=batch, suite=gx_suite))
        checkpoint = ctx.checkpoints.add_or_update(gx.Checkpoint(
            name=f"norrlager_{name}", validation_definitions=[definition], actions=[],
            result_format=result_format))
        outcome = checkpoint.run(batch_parameters={"dataframe": frames[name]},
                                 run_id=gx.core.run_identifier.RunIdentifier(run_name=run.run_id))
        frame = frames[name]
        for vr in outcome.run_results.values():
            for r in vr.results:
                check_name = r.expectation_config.meta["check"]
                keys = [str(row["key"]) for row in r.result.get("unexpected_index_list") or []]
                run.results.append(CheckResult(
                    suite=name, check=check_name,
                    description=r.expectation_config.meta["description"],
                    success=bool(r.success), evaluated=int((frame.check == check_name).sum()),
                    failing_keys=keys, gate=suite.get("gate", True)))
    # Once for all suites: an UpdateDataDocsAction per checkpoint rebuilds the whole site each
    # time (about 1.3 s a suite); the checkpoints have stored their results already.
    ctx.build_data_docs()
    run.data_docs = next(iter(ctx.get_docs_sites_urls()), {}).get("site_url")
    run.seconds = time.perf_counter() - t0
    if record:
        record_results(warehouse, run)
    progress(f"validation: {sum(r.success for r in run.results)}/{len(run.results)} "
             f"expectations met ({run.seconds:.1f} s); Data Docs: {run.data_docs}")
    return run


def record_results(warehouse: Path, run: ValidationRun) -> None:
    """Append this run's results to audit.validation_results (history over runs, for BI)."""
    at = datetime.now(UTC).replace(tzinfo=None)
    rows = [(run.run_id, at, r.suite, r.check, r.description, r.success, r.gate, r.evaluated,
             len(r.failing_keys), "; ".join(r.failing_keys[:50])) for r in run.results]
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema if not exists audit")
        con.execute("""create table if not exists audit.validation_results (
            run_id varchar, run_at timestamp, suite varchar, expectation varchar,
            description varchar, success boolean, gates_refresh boolean, rows_evaluated bigint,
            rows_failing bigint, failing_keys varchar)""")
        con.executemany("insert into audit.validation_results values "
                        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
