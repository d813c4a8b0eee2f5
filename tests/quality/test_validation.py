"""The reconciliation suites: they pass on the demo, and each kind fails on broken input with a
message that names the cause."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import chromium, dump_dom

from norrlager.config import PROJECT_DIR, dbt_target_dir
from norrlager.ingest.completeness import write_data_through
from norrlager.ingest.contracts import DOMAIN_SYSTEMS
from norrlager.quality.privacy import scan_files
from norrlager.quality.validate import load_suites, run_validation
from norrlager.transform.build import dbt_build, dbt_invoke

SUITES = {s["suite"]: s for s in load_suites()}


def validate(warehouse: Path, suite: str, tmp_path: Path):
    run = run_validation(warehouse, progress=lambda _m: None, suites=[SUITES[suite]],
                         docs_root=tmp_path / "docs", record=False)
    return run


@pytest.fixture
def broken(demo, tmp_path: Path) -> Path:
    """A copy of the demo warehouse to break."""
    warehouse = tmp_path / "norrlager.duckdb"
    shutil.copy(demo.warehouse, warehouse)
    return warehouse


@pytest.fixture(scope="module")
def demo_run(demo, tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("validated") / "norrlager.duckdb"
    shutil.copy(demo.warehouse, warehouse)
    return warehouse, run_validation(warehouse, progress=lambda _m: None)


def test_all_suites_pass_on_the_demo(demo_run) -> None:
    warehouse, run = demo_run
    assert run.success, [f.message for f in run.failures()]
    assert {r.suite for r in run.results} == set(SUITES)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        stored = con.execute("select count(*), count(distinct suite) "
                             "from audit.validation_results").fetchone()
    assert stored == (len(run.results), len(SUITES))


def test_report_arithmetic_finds_the_report_contradictions(demo_run) -> None:
    _, run = demo_run
    found = " / ".join(k for r in run.results if r.suite == "report_arithmetic"
                       for k in r.failing_keys)
    for contradiction in (
        "vardproduktion_kon vs vardproduktion_besok | Totalt antal besök | 2023",  # by sex
        "operationer | Förändring män | 2023",
        "Division Regionstöd | 2023",
        "kassaflode | opening + flow vs closing | 2022",
        "Verksamhetens resultat / skatter | 2022",
        "resultatutjamningsreserv | Ingående resultatutjämningsreserv | 2021",  # RUR 2020
        # 2018–2020's sums include political activity
        "nettokostnad_per_invanare_kolada | Summa hälso- och sjukvård exkl. tandvård | 2018",
    ):
        assert contradiction in found


def test_data_docs_are_published_without_personal_values(demo_run) -> None:
    warehouse, run = demo_run
    assert run.data_docs and run.data_docs.startswith("file://")
    index = Path(run.data_docs.removeprefix("file://"))
    assert index.exists() and "<html" in index.read_text(encoding="utf-8").lower()
    results = list((warehouse.parent / "gx").rglob("*"))
    assert any(p.suffix == ".json" for p in results)
    assert scan_files(results) == []


@pytest.mark.skipif(chromium() is None, reason="Chromium is not installed; .ci/run installs it")
def test_data_docs_open_in_a_browser(demo_run, tmp_path) -> None:
    _, run = demo_run
    dom = dump_dom(run.data_docs, tmp_path / "profile")
    for suite in SUITES:
        assert suite in dom


def test_file_disagreeing_with_its_manifest_fails_control_totals(broken, tmp_path) -> None:
    with duckdb.connect(str(broken)) as con:
        con.execute("""delete from raw.ledger_lines where _file = 'ledger_lines_2023-04.csv'
                       and _line_no = 2""")
    run = validate(broken, "extract_control_totals", tmp_path)
    [failure, *_] = run.failures()
    assert failure.check == "rows_equal_manifest"
    assert "ledger_lines_2023-04.csv" in failure.message
    assert "suite extract_control_totals" in failure.message


def test_business_key_loaded_by_two_deliveries_fails_control_totals(broken, tmp_path) -> None:
    with duckdb.connect(str(broken)) as con:
        con.execute("""insert into raw.ledger_lines
                       select * replace ('2023-05' as _delivery_key) from raw.ledger_lines
                       where _file = 'ledger_lines_2023-04.csv' and _line_no = 2""")
        verification, line = con.execute("""select verifikation, rad from raw.ledger_lines
            where _file = 'ledger_lines_2023-04.csv' and _line_no = 2 limit 1""").fetchone()
    run = validate(broken, "extract_control_totals", tmp_path)
    [twice] = [f for f in run.failures() if f.check == "no_business_key_loaded_twice"]
    assert twice.failing_keys == [f"ledger_lines {verification}/{line} in 2023-04, 2023-05"]


def test_unbalanced_verification_fails_the_ledger_suite(broken, tmp_path) -> None:
    with duckdb.connect(str(broken)) as con:
        ver = con.execute("""select verifikation from raw.ledger_lines
            where period = '2023-09' and rad = 1 limit 1""").fetchone()[0]
        con.execute("update raw.ledger_lines set belopp = belopp + 100 "
                    "where verifikation = ? and rad = 1", [ver])
    run = validate(broken, "ledger", tmp_path)
    checks = {f.check: f.message for f in run.failures()}
    assert ver in checks["every_verification_balances"]
    assert "2023-09" in checks["trial_balance_is_zero"]


def test_unit_missing_from_its_committee_fails_parts_add_up(broken, tmp_path) -> None:
    with duckdb.connect(str(broken)) as con:
        con.execute("""delete from operating_accounts.net_cost_by_division
                       where fiscal_year = 2023 and division = 'Division Psykiatri'""")
    run = validate(broken, "parts_add_up", tmp_path)
    [failure] = run.failures()
    assert failure.check == "units_add_up_to_their_committee"
    assert failure.failing_keys == ["2023 Regionstyrelsen"]


def test_invoice_missing_from_the_ledger_fails_the_cross_system_tie(broken, tmp_path) -> None:
    with duckdb.connect(str(broken)) as con:
        con.execute("""create table intermediate.tie as
            select * replace (case when period = '2023-03' and provider_id = 'KS'
                                   then difference_sek + 1000 else difference_sek end
                              as difference_sek)
            from intermediate.int_invoices_tied_to_ledger""")
        con.execute("drop view intermediate.int_invoices_tied_to_ledger")
        con.execute("alter table intermediate.tie rename to int_invoices_tied_to_ledger")
    run = validate(broken, "cross_system_ties", tmp_path)
    [failure] = run.failures()
    assert "2023-03 Karolinska universitetssjukhuset (KS)" in failure.message


def test_payroll_line_missing_from_the_ledger_fails_the_cross_system_tie(broken,
                                                                       tmp_path) -> None:
    with duckdb.connect(str(broken)) as con:
        line_id, cc, amount = con.execute("""select payroll_line_id, cost_centre_code, amount_sek
            from staging.stg_hr__payroll_lines where period = '2023-03' and account_code = '5010'
            order by payroll_line_id limit 1""").fetchone()
        # The ledger never got that pay line: its monthly amount lacks it.
        con.execute("""update intermediate.int_ledger_lines_aggregated_to_months
            set amount_sek = amount_sek - ? where period = '2023-03' and account_code = '5010'
            and cost_centre_code = ? and amount_sek = (
                select max(amount_sek) from intermediate.int_ledger_lines_aggregated_to_months
                where period = '2023-03' and account_code = '5010' and cost_centre_code = ?)""",
                    [amount, cc, cc])
    run = validate(broken, "cross_system_ties", tmp_path)
    [failure] = run.failures()
    assert failure.check == "payroll_and_staffing_invoices_equal_ledger"
    assert failure.failing_keys == [f"payroll 2023-03 cost centre {cc} account 5010"], line_id


def test_mart_figure_off_by_one_mnkr_fails_the_published_report(broken, tmp_path) -> None:
    with duckdb.connect(str(broken)) as con:
        con.execute("""update operating_accounts.income_statement set amount_sek = amount_sek
                       - 1000000 where scenario = 'utfall' and fiscal_year = 2023
                       and line = 'Verksamhetens kostnader'""")
    proc = dbt_invoke(["run", "--select", "annual_report"], broken, progress=lambda _m: None)
    assert proc.returncode == 0, proc.stdout[-2000:]
    run = validate(broken, "published_report", tmp_path)
    [failure] = run.failures()
    assert "resultatrakning | Verksamhetens kostnader | 2023" in failure.message


def compiled_test(name: str) -> str:
    """The SQL of a data test dbt has just compiled: its rows are the test's failures."""
    [path] = (dbt_target_dir() / "compiled").rglob(f"{name}*.sql")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("file", "old", "new", "named"), [
    # A mart filtering on a line code the layout seed does not have fails the build by name.
    ("balance_sheet.sql", "report_line('resultatrakning', 'arets_resultat')",
     "report_line('resultatrakning', 'arets_result')",
     "model balance_sheet uses report line resultatrakning.arets_result, which seed "
     "report_lines does not have"),
    # So does a mart or report table printing a line by a code the seed does not have.
    ("operating_statement.sql", "'driftredovisning', 'eliminering_regioninterna_poster')",
     "'driftredovisning', 'eliminering_interna_poster')",
     "model operating_statement prints report line driftredovisning.eliminering_interna_poster,"
     " which seed report_lines does not have"),
    # A label reworded in the seed alone rewords the printed line: dbt builds, the published
    # report still has the old words, and the gate names the figure it no longer finds.
    ("report_lines.csv", ",Eliminering av regioninterna poster,",
     ",Eliminering av regioninterna poster (omdöpt),",
     "driftredovisning | Eliminering av regioninterna poster | Intäkter | 2023 (figures_net_cost)"),
])
def test_a_renamed_line_fails_the_build_or_the_gate_naming_it(
        broken, tmp_path, file, old, new, named) -> None:
    project = tmp_path / "project"
    shutil.copytree(PROJECT_DIR, project, ignore=shutil.ignore_patterns(
        ".venv", ".git", "target", "logs", "landing", "warehouse", "tests", "bench", "*.egg-info"))
    [path] = [p for folder in ("models", "seeds") for p in (project / folder).rglob(file)]
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    build = dbt_build(broken, select=f"{path.stem}+", progress=lambda _m: None,
                      unit_tests=False, project_dir=project)
    if not build.success:
        assert any(named in failure for failure in build.failures), build.failures
        return
    run = validate(broken, "published_report", tmp_path)
    failures = {f.check: f for f in run.failures()}
    assert named in failures["every_expected_figure_is_built"].message


def test_an_empty_mart_fails_the_test_of_the_report_tables_it_feeds(broken) -> None:
    with duckdb.connect(str(broken)) as con:
        con.execute("delete from personnel.turnover_yearly")
    proc = dbt_invoke(["test", "--select", "figures_staff"], broken, progress=lambda _m: None)
    assert proc.returncode != 0
    assert "builds_its_declared_figures_figures_staff" in proc.stdout
    with duckdb.connect(str(broken)) as con:
        [(table, problem)] = con.execute(f"""select report_table, problem from ({compiled_test(
            "builds_its_declared_figures_figures_staff")})""").fetchall()
    assert (table, problem) == ("personalomsattning", "declared in report_coverage but not built")


def test_a_figure_is_expected_once_its_year_is_delivered_in_full(broken, tmp_path) -> None:
    """The backfill's first flow run has data through December 2022: the 2023 figures are not
    built yet, and the gate waits for them until their domain's data covers 2023."""
    with duckdb.connect(str(broken)) as con:
        con.execute("""update annual_report.reconciliation set status = 'missing',
                       warehouse_value = null where "table" = 'resultatrakning'
                       and period = '2023'""")
        write_data_through(con, {domain: "2023-11" for domain in DOMAIN_SYSTEMS})
    assert validate(broken, "published_report", tmp_path).success
    with duckdb.connect(str(broken)) as con:
        write_data_through(con, {domain: "2023-12" for domain in DOMAIN_SYSTEMS})
    [failure] = validate(broken, "published_report", tmp_path).failures()
    assert failure.check == "every_expected_figure_is_built"
    assert "resultatrakning | Årets resultat | 2023 (figures_income_statement)" in failure.message
