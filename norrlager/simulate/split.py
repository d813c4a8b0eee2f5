"""Exact splitting of amounts in öre: parts always add up to the whole, to the öre."""

from __future__ import annotations

import numpy as np


def split_exact(totals: np.ndarray, counts: np.ndarray, rng: np.random.Generator,
                concentration: float = 2.0) -> tuple[np.ndarray, np.ndarray]:
    """Split each total (int64 öre) into counts[i] random parts.

    Returns (parent index per part, part amounts). Parts of one total share its sign."""
    totals = np.asarray(totals, dtype=np.int64)
    counts = np.maximum(np.asarray(counts, dtype=np.int64), 1)
    parent = np.repeat(np.arange(len(totals)), counts)
    weights = rng.gamma(concentration, 1.0, size=len(parent))
    wsum = np.bincount(parent, weights, minlength=len(totals))
    raw = np.abs(totals[parent]) * (weights / wsum[parent])
    parts = np.floor(raw).astype(np.int64)
    remainder = np.abs(totals) - np.bincount(parent, parts, minlength=len(totals)).astype(np.int64)
    first = np.concatenate([[0], np.cumsum(counts)[:-1]])
    parts[first] += remainder
    return parent, parts * np.sign(totals[parent])


def split_by_weights(totals: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Split each total (int64 öre) by a fixed weight row: returns a (len(totals), k) matrix
    whose rows add up exactly to the totals."""
    totals = np.asarray(totals, dtype=np.int64)
    w = np.asarray(weights, dtype=float)
    w = w / w.sum(axis=-1, keepdims=True)
    raw = np.abs(totals)[:, None] * w
    parts = np.floor(raw).astype(np.int64)
    parts[:, 0] += np.abs(totals) - parts.sum(axis=1)
    return parts * np.sign(totals)[:, None]
