"""Every published figure as a range constraint, solved as one linear programme."""

from __future__ import annotations

import numpy as np

from norrlager.reference import (
    known_conflicts,
    label_of,
    published_values,
    rounding_half_width,
    shared_services_key,
)
from norrlager.simulate.calibrate.key_figures import KeyFigures
from norrlager.simulate.calibrate.result import Calibration
from norrlager.simulate.calibrate.scope import (
    PER_INHABITANT,
    YEARS,
)
from norrlager.simulate.lp import add


class Builder(KeyFigures):
    # ---------------------------------------------------------------- constraints
    def constrain(self) -> list[tuple[str, str, str]]:
        built = []
        conflicts = known_conflicts()
        for key, text in published_values().items():
            if key in conflicts:
                continue
            fig = self.figure(*key)
            if fig is None:
                continue
            if not any(fig[1].values()) or (fig[0] != "value" and not any(fig[2].values())):
                # A figure no simulated amount makes up holds only if it is printed as 0: that
                # is a mapping gone wrong (a renamed line, a missing account), not a fit.
                raise ValueError(f"published figure {' | '.join(key)} maps to no simulated amount")
            built.append(key)
            p = float(text)
            h = rounding_half_width(text)
            kind = fig[0]
            if kind == "value":
                # Rounding half away from zero: the half towards zero rounds to p.
                margin = h * 1e-3
                lo = p - h + (margin if p > 0 else 2 * margin)
                hi = p + h - (margin if p < 0 else 2 * margin)
                self.m.between(fig[1], lo, hi, key)
            elif kind in {"ratio", "growth", "capped"}:
                num, den = fig[1], fig[2]
                base = 100.0
                offset = 1.0 if kind == "growth" else 0.0
                # lo <= base*(num/den - offset) <= hi with den > 0
                h *= 0.99
                lo, hi = (p - h) / base + offset, (p + h) / base + offset
                if kind == "capped":  # min(100, own/investments): 100 means own >= investments
                    hi = np.inf
                self.m.between(add((1, num), (-lo, den)), 0, np.inf, (*key, "lo"))
                if np.isfinite(hi):
                    self.m.between(add((1, num), (-hi, den)), -np.inf, 0, (*key, "hi"))
        self._plausible_unpublished_areas()
        # 2018 is simulated only as the comparison year of 2019's growth ratios; nothing of it is
        # published, so keep it plausible: a modest surplus and taxes a little below 2019's.
        first = YEARS[0]
        self.m.between(self.result(first), 100, 600, "plausible result of the first year")
        self.m.between(add((1, self.taxes_and_grants(("A", first))),
                           (-0.97, self.taxes_and_grants(("A", first + 1)))), -50, 50,
                       "plausible taxes of the first year")
        return built

    def _plausible_unpublished_areas(self, band: float = 0.06) -> None:
        """A year whose net cost per inhabitant by area is not printed (the report year: Kolada
        had not published it) follows the year before: each area within a band around the
        year before grown as the region's net cost grew."""
        printed = {int(period) for (table, _, period) in published_values()
                   if table == PER_INHABITANT}
        net_cost = label_of("oversikt", "verksamhetens_nettokostnad")
        for y in YEARS:
            if y in printed or y - 1 not in printed:
                continue
            growth = (self.pub[("oversikt", net_cost, str(y))]
                      / self.pub[("oversikt", net_cost, str(y - 1))])
            for a in shared_services_key():
                now, before = self.per_inhabitant(y, (a,)), self.per_inhabitant(y - 1, (a,))
                label = ("plausible net cost per inhabitant", y, a)
                self.m.between(add((1, now), (-growth * (1 + band), before)), -np.inf, 0,
                               (*label, "hi"))
                self.m.between(add((1, now), (-growth * (1 - band), before)), 0, np.inf,
                               (*label, "lo"))

    def result_object(self, x: np.ndarray, violated) -> Calibration:
        pl, opening, movement, rur, memo, cat, prov, hire = {}, {}, {}, {}, {}, {}, {}, {}
        activity = {}
        for key, i in self.m.index.items():
            v = float(x[i])
            if key[0] == "ob":
                opening[key[1]] = v
            elif key[0] == "mv":
                movement[(key[1], key[2])] = v
            elif key[0] in {"rur_in", "rur_out"}:
                rur[(key[0][4:], key[1])] = v
            elif key[0] == "memo":
                memo[(key[1], key[2])] = v
            elif key[0] == "cat":
                cat[(key[1], key[2])] = v
            elif key[0] == "prov":
                prov[(key[1], key[2])] = v
            elif key[0] == "hire":
                hire[(key[1], key[2], key[3])] = v
            elif key[0] == "act":
                activity[(key[1], key[2], key[3], key[4])] = v
            else:
                pl[key] = v
        return Calibration(pl, opening, movement, rur, memo, violated, cat, prov, hire,
                           activity)


def calibrate() -> Calibration:
    b = Builder()
    b.constrain()
    x, violated = b.m.solve()
    return b.result_object(x, violated)
