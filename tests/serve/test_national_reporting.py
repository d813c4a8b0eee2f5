"""National deliveries: the monthly waiting-time delivery to SKR recomputes the marts exactly."""

from __future__ import annotations

from pathlib import Path

import duckdb

from norrlager.serve.deliveries import WAITING_TIMES, write_waiting_times

# The national method: the month-end list without patient-chosen waits (PvV).
ON_LIST = f"""select *, cast(left(period, 4) as integer) as calendar_year
    from {WAITING_TIMES} where record_kind = 'waiting' and deviation_reason is null"""


def _rows(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_the_delivery_recomputes_the_monthly_shares_exactly(demo) -> None:
    rows = _rows(demo.warehouse, f"""
        with delivered as (
            select period, waiting_kind, sex, specialty, count(*) as waiting,
                cast(100.0 * count(*) filter (where is_within_target) as double)
                    / count(*) as percent
            from ({ON_LIST}) group by all)
        select mart.period, mart.waiting_kind, mart.sex, mart.specialty,
            mart.patients_waiting, delivered.waiting,
            mart.within_target_percent, delivered.percent
        from waiting_times.waiting_times_monthly as mart
        full join delivered using (period, waiting_kind, sex, specialty)""")
    shown = [r for r in rows if r[6] is not None]
    assert len(shown) > 500
    assert not [r for r in shown if r[4] != r[5] or r[6] != r[7]]
    assert not [r for r in rows if r[5] is None]  # every month-end cell is in the delivery
    kinds = {r[1] for r in shown}
    assert {"BUP första bedömning", "BUP fördjupad utredning/behandling"} <= kinds


def test_the_delivery_recomputes_the_yearly_shares_exactly(demo) -> None:
    rows = _rows(demo.warehouse, f"""
        with by_sex as (
            select calendar_year, period, waiting_kind, sex, is_within_target from ({ON_LIST})
            union all
            select calendar_year, period, waiting_kind, 'Alla', is_within_target
            from ({ON_LIST})),
        delivered as (
            select calendar_year, waiting_kind, sex,
                cast(100.0 * count(*) filter (where is_within_target and right(period, 2) = '12')
                    as double) / count(*) filter (where right(period, 2) = '12') as december,
                cast(100.0 * count(*) filter (where is_within_target) as double) / count(*)
                    as accumulated
            from by_sex group by all)
        select mart.calendar_year, mart.waiting_kind, mart.sex, mart.december_percent,
            delivered.december, mart.accumulated_percent, delivered.accumulated
        from waiting_times.waiting_times_yearly as mart
        inner join delivered using (calendar_year, waiting_kind, sex)""")
    assert len(rows) >= 2 * 4 * 3
    assert not [r for r in rows if r[3] is not None and r[3] != r[4]]
    assert not [r for r in rows if r[5] is not None and r[5] != r[6]]
    assert len([r for r in rows if r[3] is not None]) > 12


def test_the_delivery_holds_pseudonyms_and_reasons_for_deviation(demo) -> None:
    (keys, pvv_waiting, pvv_completed, odd_keys, *_), = _rows(demo.warehouse, f"""
        select count(distinct patient_key),
            count(*) filter (where deviation_reason = 'PvV' and record_kind = 'waiting'),
            count(*) filter (where deviation_reason = 'PvV' and record_kind = 'completed'),
            count(*) filter (where not regexp_matches(patient_key, '^[0-9a-f]{{64}}$')), 0
        from {WAITING_TIMES}""")
    assert keys > 1000 and pvv_waiting > 0 and pvv_completed > 0
    assert odd_keys == 0


def test_one_file_per_month_holds_the_month_and_is_rewritten_only_when_it_changes(
        demo, tmp_path: Path) -> None:
    written = write_waiting_times(demo.warehouse, tmp_path, progress=lambda _m: None)
    periods = [p for (p,) in _rows(demo.warehouse,
                                   f"select distinct period from {WAITING_TIMES} order by 1")]
    assert [p.name for p in written] == [f"waiting_times_{p}.csv" for p in periods]
    december = tmp_path / f"waiting_times_{periods[-1]}.csv"
    (in_file,), = duckdb.execute(f"select count(*) from read_csv('{december}')").fetchall()
    (in_mart,), = _rows(demo.warehouse, f"select count(*) from {WAITING_TIMES} "
                                        f"where period = '{periods[-1]}'")
    assert in_file == in_mart > 0
    assert write_waiting_times(demo.warehouse, tmp_path, progress=lambda _m: None) == []


def test_the_rs_ties_to_the_income_statement_every_year(demo) -> None:
    rows = _rows(demo.warehouse, """
        select statement.fiscal_year, -statement.amount_sek, sum(rs.net_cost_sek)
        from operating_accounts.income_statement as statement
        inner join national_reporting.rs_net_cost_by_activity as rs
            on statement.fiscal_year = rs.fiscal_year
        where statement.scenario = 'utfall' and statement.line_code = 'verksamhetens_nettokostnad'
        group by all order by 1""")
    assert [r[0] for r in rows] == list(range(2018, 2024))
    assert all(r[1] == r[2] for r in rows), rows


def test_moving_a_cost_between_areas_moves_both_per_inhabitant_figures_by_it(
        demo, tmp_path: Path) -> None:
    """One external cost line of primary care booked on somatic care instead: the two areas'
    net cost per inhabitant move by exactly its amount over the population, nothing else."""
    import shutil

    from norrlager.transform.build import dbt_invoke

    warehouse = tmp_path / "moved.duckdb"
    shutil.copy(demo.warehouse, warehouse)
    per_inhabitant = """select fiscal_year, area_code, net_cost_per_inhabitant_kr, inhabitants
        from national_reporting.net_cost_per_inhabitant_by_activity"""
    before = {(r[0], r[1]): r[2] for r in _rows(warehouse, per_inhabitant)}
    with duckdb.connect(str(warehouse)) as con:
        verification, line, amount = con.execute("""
            select verifikation, rad, belopp from raw.ledger_lines
            where period = '2023-05' and verksamhet = '110' and konto = '6110'
                and motpart like 'EXT-%' order by belopp desc limit 1""").fetchone()
        con.execute("update raw.ledger_lines set verksamhet = '120' "
                    "where verifikation = ? and rad = ?", [verification, line])
    proc = dbt_invoke(["run", "--full-refresh", "--select",
                       "int_ledger_lines_aggregated_to_months+,+net_cost_per_inhabitant_by_activity"],
                      warehouse, progress=lambda _m: None)
    assert proc.returncode == 0, proc.stdout[-2000:]
    after = {(r[0], r[1]): (r[2], r[3]) for r in _rows(warehouse, per_inhabitant)}
    inhabitants = after[(2023, "110")][1]
    moved = float(amount) / inhabitants
    assert abs((before[(2023, "110")] - after[(2023, "110")][0]) - moved) < 1e-9
    assert abs((after[(2023, "120")][0] - before[(2023, "120")]) - moved) < 1e-9
    unchanged = [k for k in before if k not in {(2023, "110"), (2023, "120")}
                 and abs(before[k] - after[k][0]) > 1e-9]
    assert unchanged == []
