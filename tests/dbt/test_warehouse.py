"""The demo warehouse end to end: it reproduces the report, and its figures are computed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import tie_failures

from norrlager.ingest.loader import load_landing
from norrlager.ingest.manifest import sha256
from norrlager.transform.build import dbt_build

LEDGER_TABLES = {
    "resultatrakning", "not1_verksamhetens_intakter", "not2_verksamhetens_kostnader",
    "not3_avskrivningar", "not4_skatter", "not5_generella_statsbidrag",
    "not6_finansiella_intakter", "not7_finansiella_kostnader", "balansrakning", "kassaflode",
    "intakter_per_slag", "kostnader_per_slag", "skatter_och_statsbidrag",
    "nettokostnad_per_namnd", "nettokostnad_per_division", "driftredovisning", "balanskrav",
    "resultatutjamningsreserv", "finansiella_nyckeltal",
}
# Rows of the five-year overview that do not come from the ledger (population register,
# tax rate decision, HR system).
NOT_LEDGER = {"Invånare", "Utdebitering", "Antal anställda 31/12", "Antal årsarbetare"}


def query(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_dbt_build_passes(demo) -> None:
    assert demo.build_success, demo.build_failures


def test_every_ledger_figure_of_the_report_is_reproduced(demo) -> None:
    rows = query(demo.warehouse, """select "table", line, period, status
        from annual_report.reconciliation""")
    mine = [r for r in rows if r[0] in LEDGER_TABLES
            or (r[0] == "oversikt" and r[1] not in NOT_LEDGER)]
    assert len(mine) > 450
    bad = [r for r in mine if r[3] not in {"match", "known_conflict"}]
    assert bad == []
    assert not [r for r in rows if r[3] == "mismatch"]


def test_known_conflicts_carry_their_reason(demo) -> None:
    rows = query(demo.warehouse, """select line, period, conflict_reason, published_value,
        warehouse_value from annual_report.reconciliation where status = 'known_conflict'""")
    lines = {(r[0], r[1]) for r in rows}
    assert ("Division Regionstöd", "2023") in lines
    assert ("Likvida medel vid årets början", "2022") in lines
    assert all(r[2] for r in rows)
    regionstod = next(r for r in rows if r[:2] == ("Division Regionstöd", "2023"))
    # The warehouse follows the driftredovisning: 1103 - 1597 = -494, give or take the rounding
    # of its two parts.
    assert regionstod[3] == -555 and abs(regionstod[4] - (-494)) <= 1


def test_eliminations_come_out_of_the_data(demo) -> None:
    [(revenue, costs)] = query(demo.warehouse, """select revenue_actual_sek, costs_actual_sek
        from operating_accounts.operating_statement
        where fiscal_year = 2023 and line_code = 'eliminering_regioninterna_poster'""")
    assert round(float(revenue) / 1e6) == -4297 and round(float(costs) / 1e6) == 4297


@pytest.mark.parametrize("check", ["balance_sheet_balances",
                                   "cash_flow_explains_the_change_in_cash"])
def test_balance_sheet_balances_and_cash_flow_explains_cash(demo, tmp_path, check) -> None:
    """The product's own checks (suite parts_add_up), not a copy of them."""
    assert tie_failures(demo.warehouse, tmp_path, check, "parts_add_up") == []


def _add_verification(landing: Path, period: str, cost_centre: str, amount: str) -> None:
    """Re-deliver a month with one more verification: a cost on one cost centre."""
    folder = landing / "ledger" / period
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    entry = next(f for f in manifest["files"] if f["entity"] == "lines")
    path = folder / entry["file"]
    extra = (f"LF{period[:4]}-9999999;1;{period}-15;{period};6610;{cost_centre};300;EXT-LEV;"
             f"{amount};Testfaktura\n"
             f"LF{period[:4]}-9999999;2;{period}-15;{period};2410;{cost_centre};300;EXT-LEV;"
             f"-{amount};Testfaktura\n")
    with path.open("a", encoding="utf-8") as f:
        f.write(extra)
    value = float(amount.replace(",", "."))
    entry["rows"] += 2
    entry["sha256"] = sha256(path)
    for side in ("debit", "credit"):
        entry["control_sums"][side] = f"{float(entry['control_sums'][side]) + value:.2f}"
    manifest["delivered_at"] = "2030-01-01T00:00:00+00:00"  # a correction: a later delivery
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.slow
def test_one_mnkr_on_one_cost_centre_moves_the_report_by_one_mnkr(demo, tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    warehouse = tmp_path / "norrlager.duckdb"
    shutil.copytree(demo.landing / "ledger" / "2023-06", landing / "ledger" / "2023-06")
    shutil.copy(demo.warehouse, warehouse)
    before = dict(((t, ln, p), v) for t, ln, p, v in query(
        warehouse, 'select "table", line, period, value from annual_report.figures'))
    # 020101 is a cost centre of Division Länssjukvård 1 (seed cost_centres).
    _add_verification(landing, "2023-06", "020101", "1000000,00")
    report = load_landing(warehouse, landing, progress=lambda _m: None)
    assert report.rows > 0 and not report.rejected
    # What the new ledger rows reach, as a refresh's build selects it (the rest is unchanged).
    assert dbt_build(warehouse, select="source:ledger.ledger_lines+", unit_tests=False,
                     progress=lambda _m: None).success
    after = dict(((t, ln, p), v) for t, ln, p, v in query(
        warehouse, 'select "table", line, period, value from annual_report.figures'))
    moved = {k: after[k] - before[k] for k in before if after.get(k) != before[k]}
    expected_down = [
        ("resultatrakning", "Verksamhetens kostnader", "2023"),
        ("resultatrakning", "Verksamhetens nettokostnad", "2023"),
        ("resultatrakning", "Årets resultat", "2023"),
        ("not2_verksamhetens_kostnader", "Material och tjänster", "2023"),
        ("driftredovisning", "Division Länssjukvård 1 | Kostnader", "2023"),
        ("driftredovisning", "Division Länssjukvård 1 | Avvikelse nettokostnad", "2023"),
        ("nettokostnad_per_division", "Division Länssjukvård 1", "2023"),
        ("nettokostnad_per_namnd", "Regionstyrelsen", "2023"),
    ]
    for key in expected_down:
        assert moved.get(key) == -1, key
    assert moved[("kostnader_per_slag", "Övriga kostnader", "2023")] == 1  # printed positive
    status = dict(((t, ln, p), s) for t, ln, p, s in query(
        warehouse, 'select "table", line, period, status from annual_report.reconciliation'))
    for key in expected_down:
        assert status[key] == "mismatch", key


def test_reloading_the_same_deliveries_changes_nothing(demo, tmp_path: Path) -> None:
    warehouse = tmp_path / "norrlager.duckdb"
    shutil.copy(demo.warehouse, warehouse)
    before = query(warehouse, "select count(*), sum(belopp) from raw.ledger_lines")
    report = load_landing(warehouse, demo.landing, progress=lambda _m: None)
    assert report.rows == 0 and not report.rejected
    assert query(warehouse, "select count(*), sum(belopp) from raw.ledger_lines") == before
