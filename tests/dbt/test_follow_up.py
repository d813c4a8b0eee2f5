"""The controllers' month on the demo: a cost moved between months in raw moves exactly the
months it should, through the loader and dbt, and nothing else."""

from __future__ import annotations

import csv
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from norrlager.ingest.loader import load_landing
from norrlager.ingest.manifest import sha256
from norrlager.transform.build import dbt_build

COLUMNS = ("actual_month_sek", "actual_ytd_sek", "budget_ytd_sek", "deviation_ytd_sek",
           "actual_ytd_previous_year_sek", "budget_full_year_sek")


def _result(warehouse: Path) -> dict[tuple, tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(f"""select period, level, unit_code, line_code, {', '.join(COLUMNS)}
            from follow_up.monthly_result""").fetchall()
    return {r[:4]: dict(zip(COLUMNS, r[4:], strict=True)) for r in rows}


def _rewrite(folder: Path, change) -> None:
    """Re-deliver a ledger month whose lines `change` edits (rows of strings), as a correction."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    entry = next(f for f in manifest["files"] if f["entity"] == "lines")
    path = folder / entry["file"]
    header, *rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8")),
                                    delimiter=";"))
    rows = change(rows)
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows([header, *rows])
    path.write_text(out.getvalue(), encoding="utf-8")
    amounts = [Decimal(r[8].replace(",", ".")) for r in rows]
    entry["rows"] = len(rows)
    entry["sha256"] = sha256(path)
    entry["control_sums"] = {"debit": f"{sum(a for a in amounts if a > 0):.2f}",
                             "credit": f"{-sum(a for a in amounts if a < 0):.2f}"}
    manifest["delivered_at"] = "2030-01-01T00:00:00+00:00"
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.slow
def test_a_cost_moved_from_march_to_may_moves_the_year_to_date_of_march_and_april_only(
        demo, tmp_path: Path) -> None:
    landing, warehouse = tmp_path / "landing", tmp_path / "norrlager.duckdb"
    for period in ("2023-03", "2023-05"):
        shutil.copytree(demo.landing / "ledger" / period, landing / "ledger" / period)
    shutil.copy(demo.warehouse, warehouse)
    before = _result(warehouse)
    moved: list[list[str]] = []

    def take(rows: list[list[str]]) -> list[list[str]]:
        # The largest supplier invoice for care material (6110, booked against payables).
        cost = max((r for r in rows if r[0].startswith("LF") and r[4] == "6110"),
                   key=lambda r: Decimal(r[8].replace(",", ".")))
        moved.extend(r for r in rows if r[0] == cost[0])
        return [r for r in rows if r[0] != cost[0]]

    def give(rows: list[list[str]]) -> list[list[str]]:
        return rows + [["LF2023-9999999", r[1], "2023-05-15", "2023-05", *r[4:]] for r in moved]

    _rewrite(landing / "ledger" / "2023-03", take)
    _rewrite(landing / "ledger" / "2023-05", give)
    [cost] = [r for r in moved if r[4] == "6110"]
    amount = Decimal(cost[8].replace(",", "."))
    report = load_landing(warehouse, landing, progress=lambda _m: None)
    assert report.rows > 0 and not report.rejected
    build = dbt_build(warehouse, select="int_ledger_lines_aggregated_to_months+,+monthly_result",
                      progress=lambda _m: None, unit_tests=False)
    assert build.success, build.failures
    after = _result(warehouse)
    assert after.keys() == before.keys()
    changed = {(key, column): after[key][column] - before[key][column]
               for key in before for column in COLUMNS
               if after[key][column] != before[key][column]}
    ytd = {(key[0], key[1], key[3]): delta for (key, column), delta in changed.items()
           if column == "actual_ytd_sek"}
    # A cost is negative in the report's sign: taking it out of March raises March's and April's
    # year to date by its amount, at every level it belongs to; from May on nothing changed.
    assert {period for period, _, _ in ytd} == {"2023-03", "2023-04"}
    assert set(ytd.values()) == {amount}
    assert {(level, line) for _, level, line in ytd} == {
        (level, line) for level in ("unit", "division", "committee", "region")
        for line in ("verksamhetens_kostnader", "verksamhetens_nettokostnad")
    } | {("region", "arets_resultat")}
    months = {(key[0], delta) for (key, column), delta in changed.items()
              if column == "actual_month_sek"}
    assert months == {("2023-03", amount), ("2023-05", -amount)}
    assert {column for _, column in changed} == {"actual_month_sek", "actual_ytd_sek",
                                                 "deviation_ytd_sek"}


def test_the_backtest_covers_every_year_with_a_year_before_it(demo) -> None:
    with duckdb.connect(str(demo.warehouse), read_only=True) as con:
        years = dict(con.execute("""select method,
            list(distinct forecast_year order by forecast_year)
            from follow_up.forecast_backtest group by method""").fetchall())
    assert years == {"model": [2019, 2020, 2021, 2022, 2023],
                     "run_rate": [2019, 2020, 2021, 2022, 2023], "budget": [2022, 2023]}


def test_the_forecast_beats_both_baselines_where_all_three_exist(demo) -> None:
    """docs/follow-up.md: the region's net cost and result, forecasts made after months 4-11 of
    the years with a budget (the demo's default seed)."""
    with duckdb.connect(str(demo.warehouse), read_only=True) as con:
        mae = {(line, method): float(v) for line, method, v in con.execute("""
            select line_code, method, avg(abs(error_sek)) from follow_up.forecast_backtest
            where level = 'region' and forecast_month between 4 and 11
              and line_code in ('verksamhetens_nettokostnad', 'arets_resultat')
              and forecast_year in (select forecast_year from follow_up.forecast_backtest
                                    where method = 'budget')
            group by all""").fetchall()}
    for line in ("verksamhetens_nettokostnad", "arets_resultat"):
        assert mae[(line, "model")] < min(mae[(line, "budget")], mae[(line, "run_rate")]), mae


def test_the_divisions_own_forecasts_stand_beside_the_models(demo) -> None:
    """The demo's controllers forecast after April, August and October of the budget years;
    each forecast stands until the next, on the divisions' rows only."""
    with duckdb.connect(str(demo.warehouse), read_only=True) as con:
        rows = dict(con.execute("""select level || ' ' || fiscal_year || '-' || month_number,
            count(controllers_forecast_sek) from follow_up.monthly_result
            where line_code = 'verksamhetens_nettokostnad' group by all""").fetchall())
        divisions = con.execute("""select count(distinct unit_code) from follow_up.monthly_result
            where level = 'division'""").fetchone()[0]
    assert {k: v for k, v in rows.items() if v} == {
        f"division {y}-{m}": divisions for y in (2022, 2023) for m in range(4, 13)}
