"""The simulated waiting lists (väntelistor) of specialised care and child and adolescent
psychiatry (BUP), 2022–2023, delivered as the national waiting-time reporting uses them: every
month, each entry that was open during the month — waiting at the month end, or completed in the
month with its completion date.

Referrals arrive every day and wait a random time. Then, month end by month end, a few entries
are completed earlier than drawn so that the share of the month-end list within the target (90
days, 30 for BUP; patient-chosen waits excluded) is the report's: December values per year and
sex, and the accumulated value over 2023. Completing an entry inside a month never changes an
earlier month end, so the month ends are tuned one after another.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from norrlager.reference import published_numbers, published_values
from norrlager.simulate.pas.patients import PatientPool
from norrlager.simulate.targets import share_range

START = np.datetime64("2020-01-01")
T = "tillganglighet"
# kind: (report line, target days, referrals a day, share of girls/women and of boys/men
# waiting no longer than the target, mean extra wait of the others (girls/women, boys/men),
# share of girls/women)
KINDS = {
    "Första besök": ("Väntat 90 dagar eller kortare till första besök i specialiserad vård",
                     90, 120.0, (0.6, 0.6), (230.0, 230.0), 0.55),
    "Behandling": ("Väntat 90 dagar eller kortare på operation/åtgärd i specialiserad vård",
                   90, 45.0, (0.6, 0.6), (180.0, 180.0), 0.55),
    "BUP första bedömning": ("BUP väntat 30 dagar eller kortare på första bedömning",
                             30, 12.0, (0.85, 0.55), (60.0, 60.0), 0.76),
    "BUP fördjupad utredning/behandling": (
        "BUP väntat 30 dagar eller kortare på fördjupad utredning/behandling", 30, 3.0,
        (0.12, 0.0), (240.0, 400.0), 0.68),
}
SEX_LABELS = {"Första besök": ("Kvinnor", "Män"), "Behandling": ("Kvinnor", "Män"),
              "BUP första bedömning": ("Flickor", "Pojkar"),
              "BUP fördjupad utredning/behandling": ("Flickor", "Pojkar")}
SPECIALTIES = {"Första besök": ("Ortopedi", "Kirurgi", "Öron-näsa-hals", "Ögon", "Hud",
                                "Vuxenpsykiatri"),
               "Behandling": ("Ortopedi", "Kirurgi", "Ögon", "Urologi"),
               "BUP första bedömning": ("Barn- och ungdomspsykiatri",),
               "BUP fördjupad utredning/behandling": ("Barn- och ungdomspsykiatri",)}


class WaitingListSimulator:
    def __init__(self, rng: np.random.Generator, pool: PatientPool) -> None:
        self.rng = rng
        self.pool = pool
        self.pub = published_numbers()
        self.printed = published_values()
        self.violations: list[tuple] = []

    def _entries(self, kind: str) -> pd.DataFrame:
        _line, target, rate, short_share, long_mean, girls = KINDS[kind]
        rng = self.rng
        days = np.arange(START, np.datetime64("2024-01-01"))
        n = rng.poisson(rate, len(days))
        arrival = np.repeat(days, n)
        m = len(arrival)
        sex = np.where(rng.random(m) < girls, "K", "M")
        short = rng.random(m) < np.where(sex == "K", short_share[0], short_share[1])
        wait = np.where(short, rng.integers(3, target + 1, m),
                        target + rng.exponential(np.where(sex == "K", long_mean[0], long_mean[1]))
                        .astype(int) + 1)
        return pd.DataFrame({"kind": kind, "arrival": arrival,
                             "completion": arrival + wait.astype("timedelta64[D]"),
                             "sex": sex, "pvv": rng.random(m) < 0.05})

    def simulate(self) -> pd.DataFrame:
        e = pd.concat([self._entries(k) for k in KINDS], ignore_index=True)
        arrival = e.arrival.to_numpy().astype("datetime64[D]")
        completion = e.completion.to_numpy().astype("datetime64[D]").copy()
        month_ends = (np.arange(np.datetime64("2022-01"), np.datetime64("2024-01"))
                      + 1).astype("datetime64[D]") - 1
        for kind, (line, target, *_rest) in KINDS.items():
            mine = (e.kind == kind).to_numpy() & ~e.pvv.to_numpy()
            acc = self.pub.get((T, f"{line} | ackumulerat", "2023"))
            cum_w = cum_n = 0
            for me in month_ends:
                prev = me - np.timedelta64(int(str(me)[8:10]), "D")
                year = int(str(me)[:4])
                december = str(me)[5:7] == "12"
                groups, cum_range = {}, None
                if december:
                    total_range = share_range(self.printed[(T, f"{line} | december", str(year))])
                    if year == 2023:
                        for sex, label in zip(("K", "M"), SEX_LABELS[kind], strict=True):
                            key = (T, f"{line} | {label} december", "2023")
                            if key in self.printed:
                                groups[sex] = share_range(self.printed[key])
                        cum_range = (share_range(self.printed[(T, f"{line} | ackumulerat", "2023")])
                                     if acc is not None else None)
                elif year == 2022:
                    lo, hi = share_range(self.printed[(T, f"{line} | december", "2022")])
                    total_range = (lo - 0.03, hi + 0.03)
                else:
                    # The running 2023 share stays where December can land the year's.
                    dec = self.pub[(T, f"{line} | december", "2023")]
                    on_now = int((mine & (arrival <= me) & (completion > me)).sum())
                    # Where the running share must be by November, December weighing in with
                    # a list about the size of this month's.
                    month = int(str(me)[5:7])
                    n_nov = cum_n + on_now * (12 - month)
                    share = cum_w / cum_n if cum_n else (acc or dec) / 100
                    d = dec / 100
                    # December's list after its own tuning: long waits or short ones completed.
                    n_dec = on_now * (share / d if d > share else (1 - share) / (1 - d))
                    goal = ((acc / 100 * (n_nov + n_dec) - d * n_dec) / n_nov
                            if acc is not None else d)
                    band = max(0.0004, 1.5 / (cum_n + on_now))
                    total_range = (0.0, 1.0)
                    cum_range = (goal - band, goal + band)
                w, n = self._tune(mine, e.sex.to_numpy(), arrival, completion, me, prev, target,
                                  total_range, groups, cum_range, (cum_w, cum_n))
                if year == 2023:
                    cum_w, cum_n = cum_w + w, cum_n + n
        e["completion"] = completion
        return e

    def _tune(self, mine, sex, arrival, completion, me, prev, target, total_range, groups,
              cum_range, cum) -> tuple[int, int]:
        """Complete a few entries inside the month so the month-end shares fall in range."""
        on = mine & (arrival <= me) & (completion > me)
        waited = (me - arrival).astype(int)
        within = on & (waited <= target)
        plan: dict[str, tuple[int, int]] = {}
        if groups:
            # Two sexes: try the first sex's feasible removals until the second sex can meet
            # its own share, the total's and the year's accumulated share with it.
            (s1, r1), (s2, r2) = list(groups.items())[:2]
            w1, n1 = int((within & (sex == s1)).sum()), int((on & (sex == s1)).sum())
            w2, n2 = int((within & (sex == s2)).sum()), int((on & (sex == s2)).sum())
            plan[s1] = plan[s2] = (-1, -1)
            for tries, (a1, b1) in enumerate(_feasible(w1, n1, [r1])):
                fw, fn = w1 - a1, n1 - a1 - b1
                ranges = [r2, ("total", fw, fn, *total_range)]
                if cum_range:
                    ranges.append(("total", fw + cum[0], fn + cum[1], *cum_range))
                found = _search(w2, n2, ranges)
                if found != (-1, -1) or tries > 3000:
                    plan[s1], plan[s2] = ((a1, b1), found) if found != (-1, -1) else \
                        ((-1, -1), (-1, -1))
                    break
        else:
            w, n = int(within.sum()), int(on.sum())
            ranges = [total_range]
            if cum_range:
                ranges.append(("total", cum[0], cum[1], *cum_range))
            plan["*"] = _search(w, n, ranges)
        for s, (a, b) in plan.items():
            if (a, b) == (-1, -1):
                self.violations.append((str(me), s, int(within.sum()), int(on.sum()),
                                        total_range, cum_range, cum, {
                                            x: (int((within & (sex == x)).sum()),
                                                int((on & (sex == x)).sum())) for x in "KM"}))
                continue
            scope = on if s == "*" else on & (sex == s)
            for mask, k in ((scope & within, a), (scope & ~within, b)):
                idx = np.flatnonzero(mask)
                if k and (mask & within).any():
                    # Those about to be seen anyway, so tomorrow's list keeps its long waits.
                    idx = idx[np.argsort(completion[idx], kind="stable")][:k]
                else:
                    idx = self.rng.permutation(idx)[:k]
                start = np.maximum(arrival[idx], prev + 1)
                span = (me - start).astype(int) + 1
                completion[idx] = start + (self.rng.random(len(idx)) * span).astype(int)
        on = mine & (arrival <= me) & (completion > me)
        return int((on & (waited <= target)).sum()), int(on.sum())

    def deliveries(self, e: pd.DataFrame) -> pd.DataFrame:
        """Per month: every entry open during the month, completion date if completed in it."""
        rng = self.rng
        e = e.reset_index(drop=True)
        e["vantelista_id"] = [f"W{i + 1:07d}" for i in range(len(e))]
        kids = e.kind.str.startswith("BUP").to_numpy()
        e["patient"] = -1
        for sex in ("K", "M"):
            for young in (True, False):
                m = (kids == young) & (e.sex == sex).to_numpy()
                e.loc[m, "patient"] = self.pool.draw(
                    int(m.sum()), sex=sex, min_age=6 if young else 18,
                    max_age=17 if young else 95)
        e["specialitet"] = [SPECIALTIES[k][i % len(SPECIALTIES[k])]
                            for k, i in zip(e.kind, rng.integers(0, 6, len(e)), strict=True)]
        frames = []
        for month in np.arange(np.datetime64("2022-01"), np.datetime64("2024-01")):
            first = month.astype("datetime64[D]")
            me = (month + 1).astype("datetime64[D]") - 1
            m = (e.arrival <= me) & (e.completion >= first)
            part = e[m].copy()
            part["period"] = str(month)
            done = part.completion <= me
            part["avslutsdatum"] = part.completion.where(done)
            part["alder"] = self.pool.age_at(part.patient.to_numpy(),
                                             np.full(len(part), me))
            frames.append(part)
        out = pd.concat(frames, ignore_index=True)
        out["personnummer"] = self.pool.pnr[out.patient.to_numpy()]
        out["pvv"] = np.where(out.pvv, "J", "N")
        return out.rename(columns={"kind": "vantetyp", "arrival": "remissdatum", "sex": "kon"})


def _feasible(w: int, n: int, ranges: list, limit: int = 6000):
    """Every (a, b) meeting the ranges, fewest removals first: a within-target entries and b
    others removed so that (w − a) / (n − a − b) lies in every range (see _search)."""
    import math

    for r in range(0, min(limit, n)):
        a_min, a_max = max(0, r - (n - w)), min(r, w)
        for rng_ in ranges:
            w0, n0, lo, hi = rng_[1:] if rng_[0] == "total" else (0, 0, *rng_)
            rest = n0 + n - r
            a_max = min(a_max, math.floor(w0 + w - lo * rest + 1e-9))
            a_min = max(a_min, math.floor(w0 + w - hi * rest + 1e-9) + 1)
        for a in range(a_min, a_max + 1):
            yield a, r - a


def _search(w: int, n: int, ranges: list, limit: int = 6000) -> tuple[int, int]:
    """Fewest removals (a within-target entries, b others) so that (w − a) / (n − a − b) lies
    in every range; a range is (lo, hi) for this group or ('total', w0, n0, lo, hi) for the
    group together with fixed counts. (-1, -1) when none is found."""
    return next(_feasible(w, n, ranges, limit), (-1, -1))
