"""The solved calibration: the amounts every simulated system books."""

from __future__ import annotations

from dataclasses import dataclass

from norrlager.simulate.calibrate.scope import Scenario


@dataclass
class Calibration:
    """Solved amounts in mnkr. Operating and financial cells carry the report's sign
    (revenue positive, cost negative); balance-sheet amounts are in balance-sheet sign
    (assets debit positive, liabilities and equity credit positive)."""

    pl: dict[tuple[Scenario, str, str, str], float]  # (scenario, konto, group, kind)
    opening: dict[str, float]  # konto -> opening balance 1 Jan of the first year
    movement: dict[tuple[int, str], float]  # (year, konto) -> movement, non-cash BS accounts
    rur_transfer: dict[tuple[str, int], float]  # ("in"|"out", year) -> transfer at year end
    memo: dict[tuple[int, str], float]  # (year, konto) -> closing value (balances) or flow
    violated: list[tuple[object, float]]
    category: dict[tuple[int, str], float]  # (year, out-of-county category) -> mnkr
    provider: dict[tuple[int, str], float]  # (year, provider id) -> mnkr of out-of-county care
    hired: dict[tuple[int, str, str], float]  # (year, profession, care area) -> mnkr
    # (year, account, group, activity) -> external amount (report sign), for the groups whose
    # units carry more than one activity: every system books the account there so
    activity: dict[tuple[int, str, str, str], float]
