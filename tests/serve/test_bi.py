"""What BI tools and readers see: the serving database, its comments, the BI page's example
queries, the analyses, and the report in pictures rendered in a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from conftest import CHROMIUM_FLAGS, chromium, dump_dom
from sqlalchemy import create_engine, text

from norrlager.config import PROJECT_DIR, dbt_target_dir
from norrlager.orchestrate.summary import reconciliation_status
from norrlager.quality.privacy import PNR_SQL, scan_warehouse
from norrlager.quality.validate import load_suites
from norrlager.serve.publish import RENAMED, publish
from norrlager.transform.build import dbt_invoke

CHARTS = ("chart-income-statement", "chart-result-years", "chart-division-deviation",
          "chart-purchased-care", "chart-purchased-categories", "chart-headcount",
          "chart-sick-leave", "chart-hired-staff", "chart-visits", "chart-waiting-times",
          "chart-reconciliation", "chart-peers")


@pytest.fixture(scope="module")
def served(demo, tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("served")
    result = publish(demo.warehouse, root / "serving" / "norrlager.duckdb")
    return result.serving, result.report


def test_every_served_table_and_column_has_a_comment(served) -> None:
    serving, _ = served
    with duckdb.connect(str(serving), read_only=True) as con:
        mine = "database_name = current_database() and not internal"
        tables = con.execute("select schema_name || '.' || table_name from duckdb_tables() "
                             f"where {mine} and coalesce(comment, '') = ''").fetchall()
        columns = con.execute("select table_name || '.' || column_name from duckdb_columns() "
                              f"where {mine} and coalesce(comment, '') = ''").fetchall()
        schemas = {s for (s,) in con.execute("select distinct schema_name from duckdb_tables()"
                                             ).fetchall()}
    assert tables == [] and columns == []
    assert schemas == {"operating_accounts", "follow_up", "purchased_care", "personnel",
                       "care_production", "waiting_times", "annual_report", "national_reporting"}


def test_no_personal_identifier_in_the_served_database_or_exports(served) -> None:
    serving, _ = served
    with duckdb.connect(str(serving), read_only=True) as con:
        assert scan_warehouse(con) == []
        assert "patient_key" not in {c for (c,) in con.execute(
            "select column_name from duckdb_columns() where not internal").fetchall()}
    exports = serving.parent / "parquet" / "current"
    with duckdb.connect() as con:
        for parquet in exports.rglob("*.parquet"):
            cols = con.execute(f"describe select * from '{parquet}'").fetchall()
            for name, typ, *_ in cols:
                if typ == "VARCHAR":
                    n = con.execute(f"select count(*) from '{parquet}' where "
                                    f'regexp_matches("{name}", ?)', [PNR_SQL]).fetchone()[0]
                    assert n == 0, (parquet, name)


def test_patient_breakdowns_suppress_counts_below_five(served) -> None:
    serving, _ = served
    with duckdb.connect(str(serving), read_only=True) as con:
        for table in ("purchased_care_monthly", "purchased_care_by_category"):
            small = con.execute(f"select count(*) from purchased_care.{table} "
                                "where patients between 1 and 4").fetchone()[0]
            assert small == 0, table


def _readme_sql() -> list[str]:
    """The example queries of the BI page (docs/bi.md)."""
    page = (PROJECT_DIR / "docs" / "bi.md").read_text(encoding="utf-8")
    return re.findall(r"```sql\n(.*?)```", page, flags=re.S)


def test_readme_example_queries_run_read_only_through_sqlalchemy(served) -> None:
    serving, _ = served
    queries = _readme_sql()
    assert len(queries) >= 5
    engine = create_engine(f"duckdb:///{serving}", connect_args={"read_only": True})
    try:
        with engine.connect() as conn:
            for sql in queries:
                assert conn.execute(text(sql)).fetchall(), sql
    finally:
        # The pool would keep its connection (opened with duckdb_engine's own settings) after
        # the test, and DuckDB refuses a later connection to the file with other settings.
        engine.dispose()


def test_the_readmes_run_summary_is_what_the_demo_gives(demo, served, dbt_manifest) -> None:
    """The summary the README shows is the one `make run` prints for the demo, times and paths
    aside: what it loads, builds, reconciles, validates and serves."""
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    shown = readme.split("Norrlager run summary", 1)[1].split("```", 1)[0]
    with duckdb.connect(str(demo.warehouse), read_only=True) as con:
        files, rows = con.execute("select count(*), sum(rows) from audit.load_log "
                                  "where status = 'loaded'").fetchone()
        status = reconciliation_status(con)
    serving, _ = served
    with duckdb.connect(str(serving), read_only=True) as con:
        served_names = {s + "." + t for s, t in con.execute(
            """select schema_name, table_name from duckdb_tables()
               where database_name = current_database()
               union all select schema_name, view_name from duckdb_views()
               where database_name = current_database() and not internal""").fetchall()}
    # `make run` is the refresh flow, which writes meta.data_through before it publishes; the
    # demo is loaded and built without the flow.
    tables = len(served_names | {"meta.data_through"})
    nodes = dbt_manifest["nodes"].values()
    models = sum(n["resource_type"] == "model" for n in nodes)
    tests = sum(n["resource_type"] == "test" for n in nodes)
    gates = sum(len(s["checks"]) for s in load_suites() if s.get("gate", True))
    assert f"loaded          {files} files, {rows:,} rows (0 unchanged, 0 rejected)" in shown
    assert f"dbt build       {models} models, tests pass {tests} (" in shown
    assert "reconciliation  " + ", ".join(f"{k} {n}" for k, n in status.items()) in shown
    assert f"validation      passed: {gates}/{gates} reconciliation expectations" in shown
    assert f"norrlager.duckdb ({tables} tables)" in shown


def test_analyses_answer_their_questions(demo, tmp_path) -> None:
    warehouse = tmp_path / "norrlager.duckdb"
    shutil.copy(demo.warehouse, warehouse)
    proc = dbt_invoke(["compile", "--select", "resource_type:analysis"], warehouse,
                      progress=lambda _m: None)
    assert proc.returncode == 0, proc.stdout[-1500:]
    out = dbt_target_dir() / "compiled" / "norrlager" / "analyses"
    compiled = [out / p.name for p in sorted((PROJECT_DIR / "analyses").glob("*.sql"))]
    assert len(compiled) == 3
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for path in compiled:
            assert con.execute(path.read_text(encoding="utf-8")).fetchall(), path.name


@pytest.mark.skipif(chromium() is None, reason="Chromium (Debian package chromium) is not "
                    "installed; .ci/run installs it")
def test_report_renders_every_chart_in_chromium_without_errors(served, tmp_path) -> None:
    _, report = served
    browser = chromium()
    dom = dump_dom(report.as_uri(), tmp_path / "p1")
    for chart in CHARTS:
        div = dom[dom.index(f'id="{chart}"'):]
        assert "main-svg" in div[:20000], f"{chart} did not render"
    errors = re.search(r'<pre id="js-errors" hidden="">(.*?)</pre>', dom, flags=re.S)
    assert errors is not None and errors.group(1).strip() == ""
    shot = PROJECT_DIR / "target" / "report-screenshot.png"
    shot.parent.mkdir(exist_ok=True)
    subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'p2'}",
                    "--window-size=1300,4200", f"--screenshot={shot}", report.as_uri()],
                   capture_output=True, timeout=120, check=True)
    assert shot.stat().st_size > 50_000


def test_report_builds_early_in_a_backfill_before_budgets_and_invoices(demo, tmp_path) -> None:
    """The first flow runs of a backfill have no budget and no invoices yet."""
    warehouse = tmp_path / "norrlager.duckdb"
    shutil.copy(demo.warehouse, warehouse)
    with duckdb.connect(str(warehouse)) as con:
        con.execute("delete from operating_accounts.income_statement where scenario = 'budget'")
        con.execute("delete from operating_accounts.net_cost_by_division")
        con.execute("delete from purchased_care.purchased_care_monthly")
        con.execute("delete from purchased_care.purchased_care_by_category")
    report = publish(warehouse, tmp_path / "serving" / "norrlager.duckdb").report
    page = report.read_text(encoding="utf-8")
    for chart in CHARTS:
        assert f'id="{chart}"' in page
    assert "Inga data ännu" in page


def test_a_renamed_mart_is_served_under_its_old_name_for_one_release(served) -> None:
    """docs/naming.md: the old name is a view of the new table (and a Parquet file), listed in
    CHANGELOG.md with the release it goes in."""
    serving, _ = served
    changelog = (PROJECT_DIR / "CHANGELOG.md").read_text(encoding="utf-8")
    with duckdb.connect(str(serving), read_only=True) as con:
        views = {(s, v): c for s, v, c in con.execute(
            "select schema_name, view_name, comment from duckdb_views() where not internal"
        ).fetchall()}
        for (schema, old), new in RENAMED.items():
            assert f"Renamed to {schema}.{new}" in views[(schema, old)]
            assert (con.execute(f'select count(*) from {schema}."{old}"').fetchone()
                    == con.execute(f'select count(*) from {schema}."{new}"').fetchone())
            assert (serving.parent / "parquet" / "current" / schema / f"{old}.parquet").exists()
            assert f"`{schema}.{old}` → `{schema}.{new}`" in changelog
