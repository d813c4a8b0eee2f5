"""Statistics the region receives once a year rather than produces: the population register's
count per municipality, sex and age group on 31 December (SCB), and the residents' answers to
the national health-care barometer (Vårdbarometern) on access to care. Counts and shares are
calibrated to the report; the marts compute per-inhabitant measures and shares from the rows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from norrlager.reference import published_numbers
from norrlager.simulate.targets import largest_remainder

STAT_YEARS = (2018, 2019, 2020, 2021, 2022, 2023)
MUNICIPALITIES = {"Luleå": 79_000, "Piteå": 42_400, "Boden": 28_300, "Kiruna": 22_400,
                  "Gällivare": 17_400, "Kalix": 15_800, "Haparanda": 9_500, "Älvsbyn": 8_100,
                  "Arvidsjaur": 6_300, "Pajala": 6_000, "Jokkmokk": 4_900, "Övertorneå": 4_400,
                  "Överkalix": 3_200, "Arjeplog": 2_700}
AGE_GROUPS = {"0-17": 0.19, "18-64": 0.55, "65-79": 0.18, "80-": 0.08}
BAROMETER_RESPONDENTS = 1_800


def inhabitants(year: int) -> int:
    """The region's inhabitants on 31 December of a year: the report's overview where it
    prints the year, a little more before that (the population declines slowly)."""
    return int(published_numbers().get(("oversikt", "Invånare", str(year)), 250_500))


def population() -> pd.DataFrame:
    """Inhabitants on 31 December per year, municipality, sex and age group."""
    rows = []
    for y in STAT_YEARS:
        total = inhabitants(y)
        cells = [(k, s, a, w * sw * aw) for k, w in MUNICIPALITIES.items()
                 for s, sw in (("K", 0.49), ("M", 0.51)) for a, aw in AGE_GROUPS.items()]
        weights = np.array([c[3] for c in cells])
        counts = largest_remainder(weights / weights.sum() * total)
        rows += [(y, k, s, a, n) for (k, s, a, _), n in zip(cells, counts, strict=True)]
    return pd.DataFrame(rows, columns=["ar", "kommun", "kon", "aldersgrupp", "antal"])


def barometer(rng: np.random.Generator) -> pd.DataFrame:
    """Answers 1–5 (5 = fully agree) to 'I have access to the care I need'; 0 = don't know."""
    p = published_numbers()
    frames = []
    for y in (2022, 2023):
        share = p.get(("styrmatt_vard", "Invånarnas uppfattning om tillgång till vård", str(y)),
                      76.0) / 100
        n = BAROMETER_RESPONDENTS
        dont_know = int(0.05 * n)
        answered = n - dont_know
        positive = round(share * answered)
        answers = np.concatenate([rng.choice([4, 5], positive), rng.choice([1, 2, 3],
                                                                           answered - positive),
                                  np.zeros(dont_know, dtype=int)])
        frames.append(pd.DataFrame({
            "ar": y, "svar_id": [f"B{y}{i + 1:05d}" for i in range(n)],
            "kommun": rng.choice(list(MUNICIPALITIES), n,
                                 p=np.array(list(MUNICIPALITIES.values()))
                                 / sum(MUNICIPALITIES.values())),
            "kon": rng.choice(["K", "M"], n), "aldersgrupp": rng.choice(["18-64", "65-79", "80-"],
                                                                         n, p=[0.7, 0.22, 0.08]),
            "svar": rng.permutation(answers)}))
    return pd.concat(frames, ignore_index=True)
