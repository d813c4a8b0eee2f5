"""When the monthly refresh runs: the deployment's schedule, computed as Prefect computes it."""

from __future__ import annotations

import asyncio
import inspect
from datetime import datetime


def next_runs(count: int = 3, start: datetime | None = None) -> list[datetime]:
    from prefect.server.schemas.schedules import CronSchedule

    from flows.refresh import MONTHLY_CRON, TIMEZONE

    schedule = CronSchedule(cron=MONTHLY_CRON, timezone=TIMEZONE)
    dates = schedule.get_dates(n=count, start=start)
    if inspect.isawaitable(dates):
        dates = asyncio.run(dates)
    return list(dates)
