"""Personnel: the report's personnel tables, the payroll's tie to the ledger, privacy."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
from conftest import tie_failures

from norrlager.transform.build import dbt_build

PERSONNEL_TABLES = ("anstallda_per_yrkesgrupp", "personalomsattning", "arbetad_tid_och_franvaro",
                    "sjukfranvaro_intervall", "sjukfranvaro_kon_alder", "personalkostnader",
                    "inhyrd_personal_per_vardomrade", "inhyrd_personal_per_yrke",
                    "inhyrd_personal_nyckeltal")


def test_personnel_tables_are_reproduced(demo) -> None:
    tables = ", ".join(f"'{t}'" for t in PERSONNEL_TABLES)
    with duckdb.connect(str(demo.warehouse), read_only=True) as con:
        status = dict(con.execute(f"""select status, count(*) from annual_report.reconciliation
            where "table" in ({tables}) or ("table" = 'oversikt' and line in
                ('Antal anställda 31/12', 'Antal årsarbetare'))
            group by status""").fetchall())
        conflicts = con.execute(f"""select count(*) from annual_report.reconciliation
            where "table" in ({tables}) and status = 'known_conflict'
              and coalesce(conflict_reason, '') = ''""").fetchone()[0]
    assert status.get("match", 0) >= 170, status
    assert set(status) <= {"match", "known_conflict"}, status
    assert conflicts == 0


def test_payroll_and_staffing_invoices_tie_to_the_ledger(demo, tmp_path: Path) -> None:
    assert tie_failures(demo.warehouse, tmp_path, "payroll_and_staffing_invoices_equal_ledger") \
        == []
    with duckdb.connect(str(demo.warehouse), read_only=True) as con:
        rows = con.execute("""select source_system, count(distinct period), sum(ledger_sek),
            sum(source_sek) from intermediate.int_personnel_costs_tied_to_ledger
            group by source_system order by 1""").fetchall()
    assert [(r[0], r[1]) for r in rows] == [("payroll", 36), ("staffing invoices", 36)]
    assert all(r[2] == r[3] and r[2] > 0 for r in rows)


def test_one_changed_payroll_line_breaks_the_tie_naming_cost_centre_and_month(
        demo, tmp_path: Path) -> None:
    warehouse = tmp_path / "norrlager.duckdb"
    shutil.copy(demo.warehouse, warehouse)
    with duckdb.connect(str(warehouse)) as con:
        period, cc, konto = con.execute("""select period, ansvar, konto from raw.hr_payroll_lines
            where period = '2023-03' and lonart = '1100' order by lonerad limit 1""").fetchone()
        # A corrected March payroll is delivered in which one pay line differs from what the
        # ledger booked: the loader replaces the period (new load time), the build picks it up.
        con.execute("""update raw.hr_payroll_lines set belopp = belopp + 100
            where lonerad = (select min(lonerad) from raw.hr_payroll_lines
                             where period = '2023-03' and lonart = '1100')""")
        con.execute("""update raw.hr_payroll_lines set _loaded_at = current_localtimestamp()
            where _delivery_key = '2023-03'""")
    result = dbt_build(warehouse, select="source:hr.hr_payroll_lines+",
                       progress=lambda _m: None, unit_tests=False)
    assert result.success, result.failures
    messages = tie_failures(warehouse, tmp_path, "payroll_and_staffing_invoices_equal_ledger")
    assert messages == [f"payroll {period} cost centre {cc} account {konto}"]


def test_names_birth_dates_and_identity_numbers_never_enter_the_warehouse(demo) -> None:
    with duckdb.connect(str(demo.warehouse), read_only=True) as con:
        columns = {c for (c,) in con.execute(
            "select distinct column_name from duckdb_columns()").fetchall()}
    assert not columns & {"namn", "personnummer", "fodelsedatum"}
    assert "person_key" in columns and "birth_year" in columns


def test_sick_leave_breakdowns_suppress_small_groups(demo) -> None:
    with duckdb.connect(str(demo.warehouse), read_only=True) as con:
        shown = con.execute("""select count(*) from personnel.sick_leave_monthly
            where employees <= 10 and sick_percent is not null""").fetchone()[0]
        hidden = con.execute("""select count(*) from personnel.sick_leave_monthly
            where is_suppressed""").fetchone()[0]
    assert shown == 0 and hidden > 0
