"""The truth holds for every seed, not only the default one: the HR system simulated with
another seed reproduces the report's personnel figures through the product's own models.

The ledger side holds by construction (its amounts are the calibration's, split at random and
summed back to the öre, see test_simulation); the HR side is a micro-simulation whose sick
leave, headcounts and FTEs are drawn and filled to targets, so it is the side another seed can
break. NORRLAGER_TEST_SEEDS=4,7,11 runs more seeds (about 90 s each)."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from norrlager.ingest.contracts import HR_ABSENCES, HR_EMPLOYMENTS, HR_PERSONS
from norrlager.ingest.loader import load_landing
from norrlager.reference import accounts, cost_centres
from norrlager.simulate.calibrate import calibrate
from norrlager.simulate.hr.extract import simulate_hr
from norrlager.simulate.ledger.lines import LedgerSimulator
from norrlager.simulate.region import _hundredths, write_monthly
from norrlager.transform.build import dbt_invoke

# Seed 4 drew a men's share of 2023's scheduled hours the printed shares rule out (before
# men_share_window); seed 7 carried long spells into 2020 past their cell's budget.
SEEDS = [int(s) for s in os.environ.get("NORRLAGER_TEST_SEEDS", "4,7").split(",")]
MODELS = ("figures_absence", "figures_staff")


def expected_figures(warehouse: Path) -> dict[tuple[str, str, str], float]:
    """The published figures the product expects the two models to build (its own
    int_published_figures_expected), less the report's contradictions."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {(t, line, p): v for t, line, p, v in con.execute(
            f"""select report_table, line, period, published_value
                from intermediate.int_published_figures_expected
                where built_by in {MODELS} and conflict_reason is null""").fetchall()}


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_personnel_figures_hold_for_another_seed(seed: int, tmp_path: Path) -> None:
    cal = calibrate()
    hr = simulate_hr(cal, LedgerSimulator(cal, seed=seed).ore, 1.0, seed)
    landing, warehouse = tmp_path / "landing", tmp_path / "warehouse" / "norrlager.duckdb"
    write_monthly(duckdb.connect(), landing / "hr", "hr", (
        (hr.persons, HR_PERSONS), (_hundredths(hr.employments, "ordinarie_timmar"),
                                   HR_EMPLOYMENTS), (hr.absences, HR_ABSENCES)))
    report = load_landing(warehouse, landing, progress=lambda _m: None)
    assert not report.rejected, report.rejected
    proc = dbt_invoke(["build", "--select", " ".join(f"+{m}" for m in MODELS)
                       + " +int_published_figures_expected",
                       "--exclude-resource-type", "test", "unit_test"], warehouse,
                      progress=lambda _m: None)
    assert proc.returncode == 0, proc.stdout[-3000:]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        built = {(t, line, p): v for m in MODELS for t, line, p, v in con.execute(
            f"select report_table, line, period, value from annual_report.{m}").fetchall()}
    expected = expected_figures(warehouse)
    assert len(expected) > 120
    off = {k: (v, built.get(k)) for k, v in expected.items()
           if built.get(k) is None or abs(built[k] - v) > 1e-9}
    assert off == {}, f"seed {seed}: (published, built) {off}"


@pytest.mark.slow
def test_every_activity_books_its_calibrated_net_amount_for_another_seed() -> None:
    """The net cost per activity area (Kolada's figures) comes from where each system books
    its amounts: the ledger's own postings, the invoices and the payroll of another seed (whose
    staff work at other units) still book every activity's external operating amount as the
    calibration divided it, to a krona."""
    cal = calibrate()
    sim = LedgerSimulator(cal, seed=SEEDS[-1])
    lines = sim.ledger().lines
    acc = accounts()
    operating = lines.konto.map(lambda k: acc[k].is_pl and acc[k].is_operating)
    external = ~lines.motpart.str.startswith("INT-")
    booked = (lines[operating & external].assign(year=lines.period.str[:4].astype(int))
              .groupby(["year", "verksamhet"]).belopp.sum())
    activities_of: dict[str, set[str]] = {}
    for c in cost_centres().values():
        activities_of.setdefault(c.group, set()).add(c.verksamhet)
    expected: dict[tuple[int, str], int] = {}
    for ((kind, y), konto, g, cp), v in cal.pl.items():
        if kind == "A" and cp == "ext" and acc[konto].is_operating and len(activities_of[g]) == 1:
            key = (y, next(iter(activities_of[g])))
            expected[key] = expected.get(key, 0) - sim.ore(v)
    for (y, _konto, _g, a), v in cal.activity.items():
        expected[(y, a)] = expected.get((y, a), 0) - sim.ore(v)
    off = {k: (v, int(booked.get(k, 0))) for k, v in expected.items()
           if abs(int(booked.get(k, 0)) - v) > 100}
    assert len(expected) >= 50
    assert off == {}, f"seed {SEEDS[-1]}: (calibrated, booked) öre {off}"
