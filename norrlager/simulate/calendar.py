"""Calendar helpers of the simulation, vectorised (the systems simulate millions of dated rows)."""

from __future__ import annotations

import numpy as np


def month_of(dates) -> np.ndarray:
    """The period 'YYYY-MM' of each date (dates without time zone, none missing)."""
    return np.asarray(dates, dtype="datetime64[ns]").astype("datetime64[M]").astype(str)


def days_in_month(periods) -> np.ndarray:
    """The number of days of each period 'YYYY-MM'."""
    month = np.asarray(periods).astype("datetime64[M]")
    return (month + 1).astype("datetime64[D]") - month.astype("datetime64[D]")
