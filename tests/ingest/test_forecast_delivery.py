"""The controllers' forecast (system forecast) comes through the same boundary as every source:
its contract, its manifest, quarantine for what breaks a rule, masking in its free text."""

from __future__ import annotations

from pathlib import Path

from boundary_helpers import csv_bytes, deliver, load, query

from norrlager.simulate.persons import personnummer

HEADER = "period;division;rad;belopp;kommentar"


def _deliver(landing: Path, lines: list[str]) -> None:
    deliver(landing, "forecast", "2023-08",
            {"forecast_lines_2023-08.csv": ("lines", csv_bytes(HEADER, lines))})


def test_a_forecast_loads_and_an_identity_number_in_its_comment_is_masked(tmp_path) -> None:
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    pnr = personnummer("19800412", 123)
    _deliver(landing, [
        "2023-08;Division Nära;verksamhetens_nettokostnad;-462400000,00;Efter augusti",
        f"2023-08;Division Psykiatri;verksamhetens_nettokostnad;-600000000,00;Ring {pnr}"])
    report = load(warehouse, landing)
    assert report.rows == 2 and not report.rejected
    comments = [c for (c,) in query(warehouse, "select kommentar from raw.forecast_lines "
                                              "order by division")]
    assert comments[0] == "Efter augusti" and pnr not in comments[1]


def test_an_unknown_division_or_line_is_rejected_naming_file_line_and_rule(tmp_path) -> None:
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    _deliver(landing, ["2023-08;Division Nära;verksamhetens_nettokostnad;-1,00;",
                       "2023-08;Division Okänd;verksamhetens_nettokostnad;-1,00;"])
    [err] = load(warehouse, landing).rejected
    assert (err.file.endswith("forecast_lines_2023-08.csv"), err.line, err.rule) == (
        True, 3, "unknown division")
    assert "cost_centres.csv" in err.message
    _deliver(landing, ["2023-08;Division Nära;arets_resultat_typo;-1,00;"])
    [err] = load(warehouse, landing).rejected
    assert (err.line, err.rule) == (2, "unknown rad")
    assert query(warehouse, "select count(*) from raw.forecast_lines") == [(0,)]
