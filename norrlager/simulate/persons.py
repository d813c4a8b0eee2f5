"""Synthetic Swedish personal identity numbers (personnummer): the right format and check digit,
but fictitious. They exist only in the simulated source systems; the loader pseudonymises them."""

from __future__ import annotations

import numpy as np

from norrlager.ingest.identity import luhn_check_digit, luhn_ok

__all__ = ["PersonRegister", "is_valid", "luhn_check_digit", "personnummer"]


def personnummer(birth: str, serial: int) -> str:
    """birth as YYYYMMDD, serial 0–999 -> 'YYYYMMDD-NNNC'."""
    nine = birth[2:] + f"{serial:03d}"
    return f"{birth}-{serial:03d}{luhn_check_digit(nine)}"


def is_valid(pnr: str) -> bool:
    digits = pnr.replace("-", "")[-10:]
    return len(digits) == 10 and digits.isdigit() and luhn_ok(digits)


class PersonRegister:
    """A fixed population of fictitious persons to draw patients (or staff) from."""

    def __init__(self, rng: np.random.Generator, size: int) -> None:
        years = rng.integers(1925, 2023, size)
        days = rng.integers(0, 365, size)
        births = (np.datetime64("1925-01-01") + ((years - 1925) * 365.25 + days)
                  .astype("timedelta64[D]")).astype(str)
        serials = rng.integers(0, 1000, size)
        self.numbers = np.array([personnummer(b.replace("-", ""), int(s))
                                 for b, s in zip(births, serials, strict=True)], dtype=object)
        self.rng = rng
        # Some patients have many contacts: a skewed draw.
        w = rng.pareto(1.5, size) + 1
        self.p = w / w.sum()

    def draw(self, n: int) -> np.ndarray:
        return self.rng.choice(self.numbers, size=n, p=self.p)
