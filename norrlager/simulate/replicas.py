"""A patient administration system `scale` times the demo's: every simulated patient stands for
`scale` patients on average, each a different person with the same birth date and sex.

Care is calibrated patient by patient to the published report, so a larger region is made of
replicas of the calibrated one rather than a new calibration: replica k of a patient has all of
that patient's contacts, episodes, operations, cases, waiting-list entries and prescriptions,
under an identity number of its own and record identifiers suffixed with `-k`. A fractional
scale keeps the last replica (or, below 1, the patients themselves) for a random share of the
patients, so whole patients are kept or left out, never single rows of one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# Serials per birth date and sex: 500 of each parity for the date itself, 500 more under the
# date's co-ordination number (day + 60).
SLOTS = 1000
GROUP_STRIDE = 1 << 32  # keeps each group's slot numbers apart in one sorted array


def replica_numbers(numbers: np.ndarray, replicas: int) -> np.ndarray:
    """Identity numbers (YYYYMMDD-NNNC) for `replicas` further persons per number, shape
    (replicas, n): each has the birth date and the sex digit's parity of the number it copies,
    and none is one of `numbers` or another replica's."""
    n = len(numbers)
    if replicas == 0:
        return np.empty((0, n), dtype=object)
    text = pd.Series(numbers, dtype=object)
    ymd = text.str.slice(0, 8).to_numpy()
    serial = text.str.slice(9, 12).astype(int).to_numpy()
    parity = serial % 2
    group = pd.factorize(pd.Series(ymd) + parity.astype(str))[0]
    used = serial // 2  # the slot each original holds, 0-499
    order = np.lexsort((used, group))
    g_sorted, used_sorted = group[order], used[order]
    starts = np.searchsorted(g_sorted, np.arange(group.max() + 1))
    sizes = np.bincount(group)
    rank_sorted = np.arange(n) - starts[g_sorted]
    rank = np.empty(n, dtype=np.int64)
    rank[order] = rank_sorted
    # The j-th free slot of a group is j + #{i : o_i - i <= j} over its sorted occupied o_i.
    adjusted = g_sorted.astype(np.int64) * GROUP_STRIDE + (used_sorted - rank_sorted)
    out = np.empty((replicas, n), dtype=object)
    day = text.str.slice(6, 8).astype(int).to_numpy()
    for k in range(1, replicas + 1):
        j = (k - 1) * sizes[group] + rank
        taken = np.searchsorted(adjusted, group * GROUP_STRIDE + j, side="right") - starts[group]
        slot = j + taken
        if slot.max() >= SLOTS:
            raise ValueError(f"scale too large for the demo's patients: {replicas + 1} persons "
                             f"per birth date and sex need more than {SLOTS} serial numbers")
        coordination = slot >= SLOTS // 2
        new_serial = (slot % (SLOTS // 2)) * 2 + parity
        new_day = day + 60 * coordination
        out[k - 1] = _identity_numbers(ymd, new_day, new_serial)
    return out


def _identity_numbers(ymd: np.ndarray, day: np.ndarray, serial: np.ndarray) -> np.ndarray:
    """YYYYMM + day + '-' + serial + Luhn check digit, for arrays at once."""
    head = pd.Series(ymd, dtype=object).str.slice(0, 6) + pd.Series(day).astype(str).str.zfill(2)
    ten = head.str.slice(2, 8).astype(np.int64).to_numpy() * 1000 + serial
    total = np.zeros(len(ten), dtype=np.int64)
    for position in range(9):  # digits of the nine, from the left; weights 2, 1, 2, ...
        digit = (ten // 10 ** (8 - position)) % 10
        product = digit * (2 if position % 2 == 0 else 1)
        total += product // 10 + product % 10
    check = (10 - total % 10) % 10
    return (head + "-" + pd.Series(serial).astype(str).str.zfill(3)
            + pd.Series(check).astype(str)).to_numpy(dtype=object)


def patient_replicas(numbers: np.ndarray, scale: float, seed: int) -> pd.DataFrame:
    """Per patient and replica: the patient's number, the replica's number and the suffix of its
    records' identifiers ('' for the patient itself). Every patient once at scale 1."""
    if scale <= 0:
        raise ValueError(f"scale must be above 0, not {scale}")
    numbers = np.unique(np.asarray(numbers, dtype=object))
    whole = int(np.floor(scale))
    share = scale - whole
    copies = whole + (share > 1e-9)
    rng = np.random.default_rng(seed + 707)
    in_last = rng.random(len(numbers)) < (share if share > 1e-9 else 1.0)
    others = replica_numbers(numbers, copies - 1)
    parts = []
    for k in range(copies):
        keep = in_last if k == copies - 1 else np.ones(len(numbers), dtype=bool)
        parts.append(pd.DataFrame({
            "personnummer": numbers[keep],
            "replica_personnummer": numbers[keep] if k == 0 else others[k - 1][keep],
            "replica_suffix": "" if k == 0 else f"-{k}"}))
    return pd.concat(parts, ignore_index=True)


# The ledger and HR are simulated at most this large and written as replicas beyond it: their
# simulation holds every line in memory (about 1.1 GiB per unit of scale), so a region the size
# of Sweden (scale 40) would not fit a 24 GiB machine if simulated whole.
MAX_SIMULATED_SCALE = 4.0


def ledger_replication(scale: float) -> tuple[float, int]:
    """(the scale the ledger and HR are simulated at, how many replicas of it are written):
    scale 40 is ten replicas of a region simulated at scale 4; up to 4, one simulated whole."""
    if scale <= 0:
        raise ValueError(f"scale must be above 0, not {scale}")
    copies = max(1, int(np.ceil(scale / MAX_SIMULATED_SCALE - 1e-9)))
    return scale / copies, copies


def copy_suffixes(copies: int) -> pd.DataFrame:
    """One row per replica of a system without persons (the ledger, the invoices): the suffix
    of its records' identifiers, '' for the simulated one."""
    return pd.DataFrame({"replica_suffix": [""] + [f"-{k}" for k in range(1, copies)]})


def replica_query(suffixed: tuple[str, ...], table: str, person: str | None = None) -> str:
    """The rows of `extract_frame` once per replica in `table`: the columns `suffixed` (record
    identifiers) with the replica's suffix and, with `person`, the identity number column
    replaced by the replica's (table as patient_replicas makes it; else as copy_suffixes)."""
    replaced = [f"f.{c} || r.replica_suffix as {c}" for c in suffixed]
    # A join's output order follows DuckDB's threads: the frame's own order, replica by
    # replica, makes the files (and their line numbers) the same in every run of a seed.
    frame = "(select *, row_number() over () as _frame_row from extract_frame)"
    order = "order by f._frame_row, r.replica_suffix"
    if person is None:
        return (f"select f.* exclude (_frame_row) replace ({', '.join(replaced)}) "
                f"from {frame} as f cross join {table} as r {order}")
    replaced.insert(0, f"r.replica_personnummer as {person}")
    return (f"select f.* exclude (_frame_row) replace ({', '.join(replaced)}) "
            f"from {frame} as f join {table} as r on f.{person} = r.personnummer {order}")
