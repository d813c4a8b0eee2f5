"""Divide a unit group's amounts over the activities its units carry, as calibrated.

Units of one group can carry different activities (Division Nära runs primary care, dental care
and habilitation); the räkenskapssammandrag's net cost per activity area depends on where each
account is booked. The calibration divides every external operating account of such a group
over its activities (Calibration.activity); every system that books the account (the ledger's
own postings, the invoice system, payroll) books it so, to the öre.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import numpy as np
import pandas as pd

from norrlager.reference import cost_centres


@cache
def group_activities() -> dict[str, list[str]]:
    """Each unit group's activities (seed cost_centres), in the seed's order."""
    out: dict[str, list[str]] = {}
    for c in cost_centres().values():
        if c.verksamhet not in out.setdefault(c.group, []):
            out[c.group].append(c.verksamhet)
    return out


def split_by_activity(cells: pd.DataFrame, division: dict[tuple[int, str, str, str], float],
                      ore: Callable[[float], int]) -> pd.DataFrame:
    """cells: year, konto, group, ore (debit sign, one row per year, account and group, or
    more). Returns them with a column verksamhet: a group's only activity, or the cell divided
    as calibrated (report-sign mnkr in `division`, turned into debit öre), the parts adding up
    to the cell exactly."""
    activities = group_activities()
    by_cell: dict[tuple[int, str, str], list[tuple[str, int]]] = {}
    for (y, konto, g, a), v in division.items():
        by_cell.setdefault((y, konto, g), []).append((a, -ore(v)))
    out = []
    single = cells.group.map(lambda g: len(activities[g]) == 1).to_numpy()
    out.append(cells[single].assign(verksamhet=cells.group[single].map(
        lambda g: activities[g][0])))
    rest = cells[~single]
    for (y, konto, g), part in rest.groupby(["year", "konto", "group"], sort=False):
        parts = by_cell.get((int(y), konto, g))
        if parts is None:
            raise ValueError(f"the calibration does not divide account {konto} of unit group "
                             f"{g} in {y} over its activities")
        acts = [a for a, _ in parts]
        want = np.array([v for _, v in parts], dtype=float)
        amounts = part.ore.to_numpy(dtype=np.int64)
        # Several rows of one cell (months, say) share its division in proportion.
        share = want / want.sum() if want.sum() != 0 else np.full(len(want), 1 / len(want))
        pieces = np.round(amounts[:, None] * share[None, :]).astype(np.int64)
        largest = np.abs(pieces).argmax(axis=1)
        pieces[np.arange(len(part)), largest] += amounts - pieces.sum(axis=1)
        for j, a in enumerate(acts):
            piece = part.assign(verksamhet=a, ore=pieces[:, j])
            out.append(piece[piece.ore != 0])
    return pd.concat(out, ignore_index=True)
