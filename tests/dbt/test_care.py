"""Care production and waiting times: the report's tables, suppression, the month-end method."""

from __future__ import annotations

import duckdb

CARE_TABLES = ("vardproduktion_besok", "vardproduktion_kon", "vardtillfallen", "operationer",
               "tillganglighet", "styrmatt_vard")


def test_care_tables_are_reproduced(demo) -> None:
    tables = ", ".join(f"'{t}'" for t in CARE_TABLES)
    with duckdb.connect(str(demo.warehouse), read_only=True) as con:
        status = dict(con.execute(f"""select status, count(*) from annual_report.reconciliation
            where "table" in ({tables}) group by status""").fetchall())
        not_built = [r[0] for r in con.execute(f"""select line from annual_report.reconciliation
            where "table" in ({tables}) and status = 'not_built' order by line""").fetchall()]
    assert status.get("mismatch", 0) == 0, status
    assert status["match"] >= 97, status
    assert not_built == []


def test_small_patient_counts_are_suppressed(demo) -> None:
    with duckdb.connect(str(demo.warehouse), read_only=True) as con:
        shown = con.execute("""select count(*) from care_production.contacts_monthly
            where patients between 1 and 4""").fetchone()[0]
        hidden = con.execute("""select count(*) from care_production.contacts_monthly
            where patients is null""").fetchone()[0]
        waits = con.execute("""select count(*) from waiting_times.waiting_times_monthly
            where patients_waiting between 1 and 4""").fetchone()[0]
    assert shown == 0 and hidden > 0 and waits == 0


def test_month_end_list_leaves_out_patient_chosen_waits_and_completed_visits(demo) -> None:
    with duckdb.connect(str(demo.warehouse), read_only=True) as con:
        leaked = con.execute("""select count(*) from intermediate.int_waiting_list_month_ends as m
            inner join staging.stg_pas__waiting_list_entries as w
              on m.waiting_list_id = w.waiting_list_id and m.period = w.period
            where w.is_patient_chosen_wait or w.completion_date <= w.month_end""").fetchone()[0]
        pvv = con.execute("""select count(*) from staging.stg_pas__waiting_list_entries
            where is_patient_chosen_wait""").fetchone()[0]
    assert leaked == 0 and pvv > 0
