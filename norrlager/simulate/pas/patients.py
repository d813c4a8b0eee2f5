"""The region's population as patients: fictitious persons with a personal identity number whose
sex digit and birth date agree with the sex and age the care systems record."""

from __future__ import annotations

import numpy as np
import pandas as pd

from norrlager.simulate.persons import luhn_check_digit


class PatientPool:
    def __init__(self, rng: np.random.Generator, size: int) -> None:
        self.rng = rng
        # An ageing northern population: fewer children, many over 65.
        age = np.clip(rng.choice(np.arange(0, 101), size, p=_age_weights()), 0, 100)
        days = rng.integers(0, 365, size)
        birth = pd.to_datetime("2023-12-31") - pd.to_timedelta(age * 365.25 + days, unit="D")
        self.birth = birth.to_numpy().astype("datetime64[D]")
        self.birth_year = birth.year.to_numpy()
        self.sex = np.where(rng.random(size) < 0.5, "K", "M")
        ymd = birth.strftime("%Y%m%d").to_numpy()
        serial = rng.integers(0, 500, size) * 2 + (self.sex == "M")
        # Each personal identity number once: draw another serial on a collision.
        seen: set[str] = set()
        numbers = []
        for b, s, man in zip(ymd, serial, self.sex == "M", strict=True):
            while f"{b}{s}" in seen:
                s = int(rng.integers(0, 500)) * 2 + int(man)
            seen.add(f"{b}{s}")
            numbers.append(f"{b}-{s:03d}{luhn_check_digit(b[2:] + f'{s:03d}')}")
        self.pnr = np.array(numbers, dtype=object)
        w = rng.pareto(2.0, size) + 1  # some patients come back often
        self.weight = w

    def draw(self, n: int, sex: str | None = None, min_age: int = 0, max_age: int = 200,
             year: int = 2023, replace: bool = True) -> np.ndarray:
        """Indices of n patients of a sex and age range (age reached during the year)."""
        age = year - self.birth_year
        ok = (age >= min_age) & (age <= max_age)
        if sex:
            ok &= self.sex == sex
        idx = np.flatnonzero(ok)
        p = self.weight[idx] / self.weight[idx].sum()
        return self.rng.choice(idx, n, replace=replace, p=None if not replace else p)

    def age_at(self, idx: np.ndarray, day: np.ndarray) -> np.ndarray:
        years = (day.astype("datetime64[D]") - self.birth[idx]).astype(int) / 365.25
        # A newborn's care can be booked on the mother's day of admission: never below 0.
        return np.maximum(np.floor(years).astype(int), 0)


def _age_weights() -> np.ndarray:
    age = np.arange(0, 101)
    w = np.where(age < 65, 1.0, np.exp(-(age - 65) / 12.0))
    return w / w.sum()
