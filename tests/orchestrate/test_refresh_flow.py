"""The Prefect refresh: incremental month by month, gated by validation, atomic publish, and a
monthly schedule."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest
from prefect.testing.utilities import prefect_test_harness
from sqlalchemy import create_engine, text

from flows.refresh import (
    IncompleteDeliveriesError,
    TransientLoadError,
    _retry_only_transient,
    check_deliveries,
    load_system,
    refresh,
)
from norrlager.config import dbt_log_dir, dbt_target_dir
from norrlager.orchestrate.schedule import next_runs
from norrlager.quality.privacy import PNR, scan_files
from norrlager.serve.publish import publish
from norrlager.transform.build_plan import refresh_build, state_dir


@pytest.fixture(scope="module")
def prefect_harness():
    """A temporary Prefect server (about 15 s to start): only for the tests that run the flow."""
    with prefect_test_harness(server_startup_timeout=120):
        yield


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _table(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def _copy_warehouse(source: Path, target: Path) -> Path:
    """A warehouse with the record of its last build (build_plan.state_dir): the copy's refresh
    then builds only what it loads, as the warehouse's own would."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)
    if state_dir(source).exists():
        shutil.copytree(state_dir(source), state_dir(target))
    return target


@pytest.fixture(scope="module")
def as_of_november(demo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo warehouse as it stood before December 2023 was delivered: built once for the
    module (a full build), copied by each test that refreshes it."""
    warehouse = _copy_warehouse(demo.warehouse,
                                tmp_path_factory.mktemp("november") / "norrlager.duckdb")
    with duckdb.connect(str(warehouse)) as con:
        tables = con.execute("select table_name from information_schema.tables "
                             "where table_schema = 'raw'").fetchall()
        for (table,) in tables:
            con.execute(f"delete from raw.{table} where _delivery_key = '2023-12'")
        con.execute("delete from audit.load_log where delivery_key = '2023-12'")
        # The yearly statistics come with December and are keyed by their year.
        for table in ("statistik_population", "statistik_barometer"):
            con.execute(f"delete from raw.{table} where _delivery_key = '2023'")
        con.execute("delete from audit.load_log where system = 'statistik' "
                    "and delivery_key = '2023'")
    # Rebuilt from scratch: incremental models keep periods that raw no longer has. Recorded
    # as the last build, as a refresh records it, so the next refresh selects what it loads.
    assert refresh_build(warehouse, full_refresh=True, progress=lambda _m: None)[1].success
    return warehouse


def test_next_month_loads_only_its_files_and_equals_a_full_rebuild(demo, tmp_path,
                                                                   as_of_november,
                                                                   prefect_harness) -> None:
    warehouse = _copy_warehouse(as_of_november, tmp_path / "warehouse" / "norrlager.duckdb")
    summary = refresh(period="2023-12", warehouse=str(warehouse), landing=str(demo.landing),
                      serving=str(tmp_path / "serving.duckdb"))
    loaded = sorted(f for r in summary.loads for f, _ in r.loaded)
    assert loaded == [f"{name}_2023-12.csv" for name in (
        "absences", "accessibility", "admissions", "barometer", "contacts", "employments",
        "invoice_lines", "ledger_lines", "operations", "payroll_lines", "persons", "population",
        "prescriptions", "staffing_lines", "waiting_list")]
    # Only what December's loads touched was rebuilt: not the seeds, nor what reads only them
    # (the dimensions of accounts and cost centres, the yearly budget).
    built = summary.build.counts
    manifest = json.loads((dbt_target_dir() / "manifest.json").read_text())
    models = sum(n["resource_type"] == "model" for n in manifest["nodes"].values())
    assert not any(kind.startswith("seed:") for kind in built), built
    assert 0 < built.get("model:success", 0) < models, (built, models)
    for sql in ("select * from operating_accounts.ledger_monthly order by all",
                "select * from annual_report.figures order by all",
                "select * from purchased_care.purchased_care_monthly order by all",
                "select * from personnel.headcount_monthly order by all",
                "select * from personnel.sick_leave_yearly order by all",
                # incremental from the earliest month HR's new rows reach
                "select * from personnel.sick_leave_monthly order by all",
                "select * from waiting_times.waiting_times_yearly order by all",
                # incremental by period downstream of the incremental staging models
                "select * from care_production.contacts_monthly order by all",
                "select * from national_reporting.waiting_times_delivery order by all",
                "select * from follow_up.monthly_result order by all",
                "select * from follow_up.forecast_backtest order by all"):
        assert _table(warehouse, sql) == _table(demo.warehouse, sql), sql
    # The månadsrapport of the month the refresh loaded is published beside the report.
    assert (tmp_path / "report" / "manadsrapport" / "2023-12.html").is_file()


def test_failed_validation_publishes_nothing_and_names_the_suite(demo, tmp_path,
                                                                 prefect_harness) -> None:
    warehouse = _copy_warehouse(demo.warehouse, tmp_path / "norrlager.duckdb")
    serving = tmp_path / "serving" / "norrlager.duckdb"
    publish(warehouse, serving)
    before = _digest(serving)
    with duckdb.connect(str(warehouse)) as con:  # the manifest said one row more
        con.execute("""update audit.load_log set rows = rows + 1
                       where file = 'ledger_lines_2023-06.csv' and status = 'loaded'""")
    state = refresh(period="2023-12", warehouse=str(warehouse), landing=str(demo.landing),
                    serving=str(serving), return_state=True)
    assert state.is_failed()
    assert "extract_control_totals" in state.message
    assert "ledger_lines_2023-06.csv" in state.message
    assert _digest(serving) == before


def test_bi_reader_is_never_blocked_during_a_refresh(demo, tmp_path, prefect_harness) -> None:
    warehouse = _copy_warehouse(demo.warehouse, tmp_path / "norrlager.duckdb")
    serving = tmp_path / "serving" / "norrlager.duckdb"
    publish(warehouse, serving)
    engine = create_engine(f"duckdb:///{serving}", connect_args={"read_only": True})
    results, errors, done = [], [], threading.Event()

    def read() -> None:
        while not done.is_set():
            try:
                with engine.connect() as conn:
                    results.append(conn.execute(text(
                        "select count(*) from annual_report.reconciliation")).scalar())
            except Exception as e:  # every failure is what the test looks for
                errors.append(repr(e))
            time.sleep(0.05)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        state = refresh(period="2023-12", warehouse=str(warehouse), landing=str(demo.landing),
                        serving=str(serving), return_state=True)
    finally:
        done.set()
        reader.join()
    assert state.is_completed()
    assert errors == []
    assert len(results) > 20 and set(results) == {855}


def test_transient_load_errors_are_retried_bad_data_is_not(tmp_path) -> None:
    landing = tmp_path / "landing" / "ledger" / "2023-01"
    landing.mkdir(parents=True)
    csv = landing / "ledger_lines_2023-01.csv"
    csv.write_text("verifikation;rad\n", encoding="utf-8")
    manifest = {"system": "ledger", "period": "2023-01", "delivered_at": "2023-02-03T06:00:00Z",
                "files": [{"file": csv.name, "entity": "lines", "encoding": "utf-8", "rows": 0,
                           "sha256": hashlib.sha256(b"the whole file").hexdigest(),
                           "control_sums": {"debit": "0", "credit": "0"}}]}
    (landing / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    warehouse = tmp_path / "wh.duckdb"
    with pytest.raises(TransientLoadError):  # half-written: checksum differs
        load_system.fn("ledger", "2023-12", warehouse, tmp_path / "landing")
    manifest["files"][0]["sha256"] = _digest(csv)
    (landing / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    report = load_system.fn("ledger", "2023-12", warehouse, tmp_path / "landing")
    [err] = report.rejected  # bad data: reported for the completeness check, not retried
    assert err.rule == "header"
    with pytest.raises(IncompleteDeliveriesError, match=r"rejected: .*\[header\]"):
        check_deliveries.fn("2023-01", warehouse, [report])

    class State:
        def __init__(self, exc: Exception) -> None:
            self.exc = exc

        def result(self):
            raise self.exc

    assert _retry_only_transient(None, None, State(TransientLoadError("x")))
    assert not _retry_only_transient(None, None, State(IncompleteDeliveriesError("x")))


def test_monthly_schedule_runs_on_the_5th_at_six_stockholm_time() -> None:
    [nxt] = next_runs(1, start=datetime(2026, 11, 27, 12, 0, tzinfo=UTC))
    assert nxt == datetime(2026, 12, 5, 6, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
    [after] = next_runs(1, start=datetime(2027, 6, 5, 4, 30, tzinfo=UTC))  # summer time
    assert after == datetime(2027, 7, 5, 6, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


def test_the_deployment_carries_the_schedule() -> None:
    from prefect.schedules import Cron

    from flows.refresh import MONTHLY_CRON, TIMEZONE

    deployment = refresh.to_deployment(name="monthly",
                                       schedules=[Cron(MONTHLY_CRON, timezone=TIMEZONE)])
    [schedule] = deployment.schedules
    assert schedule.schedule.cron == "0 6 5 * *"
    assert schedule.schedule.timezone == "Europe/Stockholm"


def _landing_without(demo_landing: Path, root: Path, system: str, period: str) -> Path:
    """A landing area holding every delivery of the demo except one system's period, as hard
    links (landing follows no symbolic links; a hard link is the file itself, and costs no
    copy)."""
    landing = root / "landing"
    for folder in sorted(demo_landing.glob("*/*")):
        if (folder.parent.name, folder.name) == (system, period) or not folder.is_dir():
            continue
        shutil.copytree(folder, landing / folder.parent.name / folder.name,
                        copy_function=os.link)
    return landing


def _deliver_hr_december(demo_landing: Path, landing: Path, name: str, delivered_at: str,
                         break_it: bool) -> None:
    source = demo_landing / "hr" / "2023-12"
    folder = landing / "hr" / name
    shutil.copytree(source, folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["delivered_at"] = delivered_at
    if break_it:  # one absence line with an unknown extent: a realistic bad value
        path = folder / "absences_2023-12.csv"
        lines = path.read_text(encoding="utf-8").split("\n")
        lines[5] = lines[5].rsplit(";", 1)[0] + ";250"
        path.write_text("\n".join(lines), encoding="utf-8")
        entry = next(f for f in manifest["files"] if f["file"] == path.name)
        entry["sha256"] = _digest(path)
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def test_a_missing_or_bad_delivery_publishes_nothing_until_it_is_corrected(demo, tmp_path,
                                                                           as_of_november,
                                                                           prefect_harness,
                                                                           capfd) -> None:
    warehouse = _copy_warehouse(as_of_november, tmp_path / "warehouse" / "norrlager.duckdb")
    serving = tmp_path / "serving" / "norrlager.duckdb"
    publish(warehouse, serving)
    before = _digest(serving)
    landing = _landing_without(demo.landing, tmp_path, "hr", "2023-12")

    def run():
        return refresh(period="2023-12", warehouse=str(warehouse), landing=str(landing),
                       serving=str(serving), return_state=True)

    state = run()  # HR has not delivered December
    assert state.is_failed()
    assert ("hr has not delivered 2023-12: persons, employments, absences, payroll_lines"
            in state.message)
    assert _digest(serving) == before
    loaded = _table(warehouse, "select distinct system from audit.load_log "
                               "where period = '2023-12' and status = 'loaded'")
    assert sorted(s for (s,) in loaded) == ["invoices", "ledger", "pas", "statistik"]

    _deliver_hr_december(demo.landing, landing, "2023-12", "2024-01-03T06:00:00+00:00", True)
    state = run()  # delivered, with one bad line
    assert state.is_failed()
    assert "absences_2023-12.csv, line 6: [out of range]" in state.message
    assert _digest(serving) == before

    _deliver_hr_december(demo.landing, landing, "2023-12 rättad", "2024-01-04T09:00:00+00:00",
                         False)
    state = run()  # the correction arrives in a folder of its own
    assert state.is_completed(), state.message
    assert _digest(serving) != before
    for sql in ("select * from personnel.headcount_monthly order by all",
                "select * from annual_report.reconciliation order by all"):
        assert _table(warehouse, sql) == _table(demo.warehouse, sql), sql
    served = _table(serving, "select domain, data_through from meta.data_through order by 1")
    assert dict(served)["personnel"] == "2023-12"

    # Nothing the refreshes wrote or published holds the key or an identity number: warehouse,
    # serving database, Parquet, report, dbt docs, Data Docs, target/, logs/, the runs' output.
    secret = Path(os.environ["NORRLAGER_PSEUDONYM_KEY_FILE"]).read_bytes().strip()
    # (The warehouse file itself is scanned, raw included, by the purchased-care tests.)
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p != warehouse
               and "landing" not in p.relative_to(tmp_path).parts]
    assert (tmp_path / "serving" / "docs" / "index.html").exists()
    assert any(p.suffix == ".parquet" for p in written)
    assert scan_files([*written, dbt_target_dir(), dbt_log_dir()], secret) == []
    out, err = capfd.readouterr()
    assert secret.decode() not in out + err and not PNR.search(out + err)

    # Least privilege: what the refresh wrote is its owner's only (no serving group is set),
    # and the row-level national deliveries are beside the warehouse, not in the serving tree.
    for tree in (warehouse.parent, serving.parent):
        readable = [str(p) for p in [tree, *tree.rglob("*")]
                    if not p.is_symlink() and p.stat().st_mode & 0o077]
        assert readable == [], readable
    assert any((warehouse.parent / "deliveries" / "waiting_times").glob("*.csv"))
    assert not [p for p in serving.parent.rglob("waiting_times_*.csv")]
