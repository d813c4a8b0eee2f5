"""A refresh's build selects what the loads and the code changed since the last build."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from norrlager.config import dbt_target_dir
from norrlager.ingest.audit import ensure_schema
from norrlager.transform import build_plan


def _load(warehouse: Path, system: str, entity: str, at: str, rows: int | None = None,
          period: str = "2023-12") -> None:
    """A load log row as the loader writes it when it applies a delivery (superseding the
    period's earlier one)."""
    with duckdb.connect(str(warehouse)) as con:
        con.execute("""update audit.load_log set status = 'superseded' where system = ? and
                       entity = ? and period = ? and status = 'loaded'""",
                    [system, entity, period])
        con.execute("""insert into audit.load_log (system, entity, period, file, rows,
                       loaded_at, status) values (?, ?, ?, 'f.csv', ?,
                       cast(? as timestamp), 'loaded')""", [system, entity, period, rows, at])


@pytest.fixture
def code(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The project's code, as its fingerprint: change code[0] to change the code."""
    code = ["models v1"]
    monkeypatch.setattr(build_plan, "project_fingerprint", lambda: code[0])
    return code


@pytest.fixture
def warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: list[str]) -> Path:
    path = tmp_path / "norrlager.duckdb"
    with duckdb.connect(str(path)) as con:
        ensure_schema(con)
    project = tmp_path / "project"
    dbt_target_dir(project).mkdir(parents=True)
    (dbt_target_dir(project) / "manifest.json").write_text("{}")
    (project / "dbt_project.yml").write_text("vars: {report_year: 2023}")
    monkeypatch.setattr(build_plan, "PROJECT_DIR", project)
    return path


def _record(warehouse: Path, plan: build_plan.BuildPlan) -> None:
    build_plan.record_build(warehouse, plan, project_dir=build_plan.PROJECT_DIR)


def test_the_first_build_and_a_full_refresh_build_everything(warehouse: Path) -> None:
    _load(warehouse, "ledger", "lines", "2024-01-03 06:00:00")
    first = build_plan.plan_build(warehouse)
    assert first.select is None and "no earlier build" in first.reason
    assert first.env == {"NORRLAGER_LOADED_SINCE": ""}  # every period
    _record(warehouse, first)
    assert build_plan.plan_build(warehouse, full_refresh=True).select is None


def _data(*sources: str) -> str:
    return " ".join(part for s in sources for part in build_plan.data_selection(s))


def test_new_data_rebuilds_tables_and_tests_downstream_but_not_views(tmp_path: Path) -> None:
    # As dbt resolves the selection on the real project: the ledger's staging view and the
    # report's figure views keep their query; their tests run on the new rows.
    from norrlager.transform.build import dbt_invoke

    proc = dbt_invoke(["ls", "--select", _data("ledger.ledger_lines"), "--output", "name",
                       "--target-path", str(tmp_path / "target"), "-q"],
                      tmp_path / "unused.duckdb", progress=lambda _m: None)
    assert proc.returncode == 0, proc.stdout[-2000:]
    selected = set(proc.stdout.split())
    assert {"ledger_monthly", "int_ledger_lines_aggregated_to_months",
            "sums_to_zero_stg_ledger__lines_amount_sek__verification_id"} <= selected
    assert not {"stg_ledger__lines", "figures_income_statement", "chart_of_accounts"} & selected
    assert any(name.startswith("builds_its_declared_figures_figures_income_statement")
               for name in selected)


def test_only_the_sources_loaded_since_the_last_build_are_selected(warehouse: Path) -> None:
    _load(warehouse, "ledger", "lines", "2024-01-03 06:00:00")
    _record(warehouse, build_plan.plan_build(warehouse))
    nothing = build_plan.plan_build(warehouse)
    assert nothing.nothing and nothing.reason.startswith("nothing")
    _load(warehouse, "pas", "contacts", "2024-02-03 06:00:00")
    _load(warehouse, "hr", "payroll_lines", "2024-02-03 06:00:01")
    plan = build_plan.plan_build(warehouse)
    assert plan.select == _data("hr.hr_payroll_lines", "pas.pas_contacts")
    assert plan.state is None and not plan.full_refresh  # no code changed
    # The incremental models downstream of staging rebuild what came after the last build.
    assert plan.env == {"NORRLAGER_LOADED_SINCE": "2024-01-03T06:00:00"}


def test_a_failed_build_leaves_its_loads_to_the_next_one(warehouse: Path) -> None:
    _load(warehouse, "ledger", "lines", "2024-01-03 06:00:00")
    _record(warehouse, build_plan.plan_build(warehouse))
    _load(warehouse, "ledger", "lines", "2024-02-03 06:00:00")
    build_plan.plan_build(warehouse)  # planned, built, failed: not recorded
    assert build_plan.plan_build(warehouse).select == _data("ledger.ledger_lines")


def test_changed_code_adds_what_dbt_finds_modified(warehouse: Path, code: list[str]) -> None:
    _load(warehouse, "ledger", "lines", "2024-01-03 06:00:00")
    _record(warehouse, build_plan.plan_build(warehouse))
    code[0] = "models v2"
    plan = build_plan.plan_build(warehouse)
    assert plan.select == "state:modified+" and plan.full_refresh
    assert plan.state == build_plan.state_dir(warehouse)
    assert (plan.state / "manifest.json").exists()


def test_a_changed_setting_rebuilds_everything(warehouse: Path) -> None:
    _load(warehouse, "ledger", "lines", "2024-01-03 06:00:00")
    _record(warehouse, build_plan.plan_build(warehouse))
    (build_plan.PROJECT_DIR / "dbt_project.yml").write_text("vars: {report_year: 2024}")
    plan = build_plan.plan_build(warehouse)
    assert plan.select is None and "dbt_project.yml" in plan.reason


def test_a_lost_record_rebuilds_everything(warehouse: Path) -> None:
    _load(warehouse, "ledger", "lines", "2024-01-03 06:00:00")
    _record(warehouse, build_plan.plan_build(warehouse))
    shutil.rmtree(build_plan.state_dir(warehouse))  # e.g. the warehouse restored from a backup
    assert build_plan.plan_build(warehouse).select is None


def test_a_build_is_recorded_only_when_it_succeeds(warehouse: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from norrlager.transform.build import BuildResult

    outcome = [False]
    monkeypatch.setattr(build_plan, "dbt_build",
                        lambda *a, **kw: BuildResult(success=outcome[0], seconds=1.0))
    _load(warehouse, "ledger", "lines", "2024-01-03 06:00:00")
    plan, result = build_plan.refresh_build(warehouse, progress=lambda _m: None)
    assert plan.select is None and not result.success
    assert build_plan.plan_build(warehouse).select is None  # nothing recorded
    outcome[0] = True
    build_plan.refresh_build(warehouse, progress=lambda _m: None)
    assert build_plan.plan_build(warehouse).nothing
    plan, result = build_plan.refresh_build(warehouse, progress=lambda _m: None)
    assert plan.nothing and result.success and result.seconds == 0.0  # dbt not started


def test_a_corrected_delivery_is_rebuilt_from_scratch(warehouse: Path) -> None:
    _load(warehouse, "pas", "contacts", "2024-01-03 06:00:00", rows=10)
    _load(warehouse, "hr", "absences", "2024-01-03 06:00:00", rows=0, period="2023-11")
    _record(warehouse, build_plan.plan_build(warehouse))
    _load(warehouse, "hr", "absences", "2024-02-03 06:00:00", rows=0)  # a new empty month
    plan = build_plan.plan_build(warehouse)
    assert not plan.full_refresh and "corrected" not in plan.reason
    # December corrected: no contacts after all. Its old rows must not stay in the
    # incremental models, which replace only the periods of their new rows.
    _load(warehouse, "pas", "contacts", "2024-02-03 06:00:01", rows=0)
    plan = build_plan.plan_build(warehouse)
    assert plan.full_refresh and "a corrected delivery of pas.pas_contacts" in plan.reason
    assert plan.select == _data("hr.hr_absences", "pas.pas_contacts")
    _record(warehouse, plan)
    assert build_plan.plan_build(warehouse).nothing
    # A correction with rows: the spells it withdrew may have crossed into months it does not
    # hold, so what reads them across months is rebuilt whole too.
    _load(warehouse, "hr", "absences", "2024-03-03 06:00:00", rows=4, period="2023-11")
    _load(warehouse, "hr", "absences", "2024-03-04 06:00:00", rows=3, period="2023-11")
    plan = build_plan.plan_build(warehouse)
    assert plan.full_refresh and "a corrected delivery of hr.hr_absences" in plan.reason
