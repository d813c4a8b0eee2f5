"""Calibrate the simulated ledger to the published annual report.

The simulation needs amounts per scenario (actual year or budget), account, unit group and
counterparty kind (external or internal) such that the marts, computing the report's tables
from the ledger rows, reproduce every published figure when rounded as the report rounds.
Each published figure becomes a range constraint on a linear expression of those amounts
(ratios are linearised with their denominator's known sign); a linear programme finds amounts
close to a plausible prior that satisfy them all. Rows the reference marks as contradictions of
the report (seed `known_conflicts`) are left out: the ledger follows the other side.

The expressions of statements.py mirror the dbt models in `models/marts/operating_accounts`; the
marts never see this package or the published figures, only the ledger rows it leads to.
"""

from __future__ import annotations

from norrlager.simulate.calibrate.builder import Builder, calibrate
from norrlager.simulate.calibrate.result import Calibration

__all__ = ["Builder", "Calibration", "calibrate"]
