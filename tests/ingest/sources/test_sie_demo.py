"""The demo's ledger delivered as SIE 4 (`norrlager simulate --ledger-format sie`) loads the same
raw rows as its CSV extracts (lines, budget, opening balances): the marts, built from raw's
business columns only, are the same."""

from __future__ import annotations

import shutil
from pathlib import Path

from norrlager.ingest.loader import load_landing
from norrlager.simulate.ledger.sie_delivery import rewrite_ledger_as_sie

BUSINESS = ("verifikation, rad, bokforingsdatum, period, konto, ansvar, verksamhet, motpart, "
            "belopp, text")
PERIODS = ("2018-01", "2023-01", "2023-12")  # opening balances, a budget, the year-end


def _ledger(warehouse: Path) -> dict[str, list[tuple]]:
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {"lines": con.execute(f"select {BUSINESS} from raw.ledger_lines where period in "
                                     f"{PERIODS} order by all").fetchall(),
                "budget": con.execute("select ar, period, konto, ansvar, verksamhet, motpart, "
                                      "belopp from raw.ledger_budget where ar = 2023 "
                                      "order by all").fetchall(),
                "opening": con.execute("select datum, konto, ansvar, belopp from "
                                       "raw.ledger_opening_balances order by all").fetchall()}


def test_the_demos_ledger_as_sie_loads_the_same_raw_rows(demo, tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    for period in PERIODS:
        shutil.copytree(demo.landing / "ledger" / period, landing / "ledger" / period)
    assert rewrite_ledger_as_sie(landing, progress=lambda _m: None) == 5
    assert sorted(p.name for p in (landing / "ledger" / "2023-01").iterdir()) == [
        "ledger_budget_2023.se", "ledger_lines_2023-01.se", "manifest.json"]
    report = load_landing(tmp_path / "sie.duckdb", landing, progress=lambda _m: None)
    assert not report.rejected, report.rejected
    sie = _ledger(tmp_path / "sie.duckdb")
    assert len(sie["lines"]) > 100_000 and len(sie["budget"]) > 1_000 and len(sie["opening"]) > 10
    assert sie == _ledger(demo.warehouse)


def test_no_model_after_staging_reads_where_a_raw_row_came_from() -> None:
    """What makes equal raw rows give equal marts: a SIE and a CSV delivery differ only in
    raw's file, line and checksum columns, which stop at staging."""
    from norrlager.config import PROJECT_DIR

    where_from = ("source_file", "source_line", "_file", "_line_no", "_sha256")
    models = (PROJECT_DIR / "models").rglob("*.sql")
    readers = sorted(str(p.relative_to(PROJECT_DIR)) for p in models
                     if "staging" not in p.parts and any(c in p.read_text() for c in where_from))
    assert readers == []
