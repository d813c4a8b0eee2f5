"""A small sparse linear-programming model with soft range constraints.

The calibration of the simulated ledger is a feasibility problem: find amounts per account and
unit such that every published figure, recomputed the way the marts compute it, rounds to the
printed value. Published figures are rounded, so each one is a range, not an equation.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

Expr = dict[int, float]


def add(*terms: tuple[float, Mapping[int, float]]) -> Expr:
    """Linear combination of expressions: add((1, a), (-1, b)) is a - b."""
    out: Expr = {}
    for coef, expr in terms:
        for k, v in expr.items():
            out[k] = out.get(k, 0.0) + coef * v
    return out


@dataclass
class Constraint:
    expr: Expr
    lo: float
    hi: float
    label: Hashable
    soft: bool


@dataclass
class LinearModel:
    keys: list[Hashable] = field(default_factory=list)
    index: dict[Hashable, int] = field(default_factory=dict)
    lb: list[float] = field(default_factory=list)
    ub: list[float] = field(default_factory=list)
    prior: list[float] = field(default_factory=list)
    constraints: list[Constraint] = field(default_factory=list)

    def var(self, key: Hashable, prior: float, lb: float | None = None,
            ub: float | None = None) -> Expr:
        if key in self.index:
            return {self.index[key]: 1.0}
        i = len(self.keys)
        self.keys.append(key)
        self.index[key] = i
        self.prior.append(prior)
        self.lb.append(-np.inf if lb is None else lb)
        self.ub.append(np.inf if ub is None else ub)
        return {i: 1.0}

    def has(self, key: Hashable) -> bool:
        return key in self.index

    def ref(self, key: Hashable) -> Expr:
        return {self.index[key]: 1.0}

    def between(self, expr: Expr, lo: float, hi: float, label: Hashable,
                soft: bool = True) -> None:
        self.constraints.append(Constraint(expr, lo, hi, label, soft))

    def solve(self, penalty: float = 1e5) -> tuple[np.ndarray, list[tuple[Hashable, float]]]:
        """Minimise the weighted distance to the prior plus a large penalty per unit of
        violated soft constraint. Returns the solution and the violated constraints."""
        n = len(self.keys)
        m = len(self.constraints)
        prior = np.array(self.prior)
        weight = 1.0 / (np.abs(prior) + 5.0)
        # Columns: x (n), dev_plus (n), dev_minus (n), slack_lo (m), slack_hi (m)
        rows, cols, vals = [], [], []
        b_eq = []
        for i in range(n):  # x - dp + dm = prior
            rows += [i, i, i]
            cols += [i, n + i, 2 * n + i]
            vals += [1.0, -1.0, 1.0]
            b_eq.append(prior[i])
        a_eq = coo_matrix((vals, (rows, cols)), shape=(n, 3 * n + 2 * m))
        rows, cols, vals, b_ub = [], [], [], []
        r = 0
        for j, con in enumerate(self.constraints):
            items = list(con.expr.items())
            if np.isfinite(con.lo):  # -(a.x) - s_lo <= -lo
                for k, v in items:
                    rows.append(r)
                    cols.append(k)
                    vals.append(-v)
                if con.soft:
                    rows.append(r)
                    cols.append(3 * n + j)
                    vals.append(-1.0)
                b_ub.append(-con.lo)
                r += 1
            if np.isfinite(con.hi):  # a.x - s_hi <= hi
                for k, v in items:
                    rows.append(r)
                    cols.append(k)
                    vals.append(v)
                if con.soft:
                    rows.append(r)
                    cols.append(3 * n + m + j)
                    vals.append(-1.0)
                b_ub.append(con.hi)
                r += 1
        a_ub = coo_matrix((vals, (rows, cols)), shape=(r, 3 * n + 2 * m))
        c = np.concatenate([np.zeros(n), weight, weight, np.full(2 * m, penalty)])
        bounds = list(zip(self.lb, self.ub, strict=True)) + [(0, None)] * (2 * n + 2 * m)
        res = linprog(c, A_ub=a_ub.tocsr(), b_ub=np.array(b_ub), A_eq=a_eq.tocsr(),
                      b_eq=np.array(b_eq), bounds=bounds, method="highs")
        if res.status != 0:
            raise RuntimeError(f"calibration LP failed: {res.message}")
        x = res.x[:n]
        slack = res.x[3 * n:]
        violated = [(con.label, float(slack[j] + slack[m + j]))
                    for j, con in enumerate(self.constraints)
                    if slack[j] + slack[m + j] > 1e-6]
        return x, violated
