"""When the monthly refresh runs: the deployment's schedule, computed as Prefect computes it."""

from __future__ import annotations

import asyncio
import inspect
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path


def next_runs(count: int = 3, start: datetime | None = None) -> list[datetime]:
    from prefect.server.schemas.schedules import CronSchedule

    from flows.refresh import MONTHLY_CRON, TIMEZONE

    schedule = CronSchedule(cron=MONTHLY_CRON, timezone=TIMEZONE)
    dates = schedule.get_dates(n=count, start=start)
    if inspect.isawaitable(dates):
        dates = asyncio.run(dates)
    return list(dates)


@contextmanager
def local_prefect_server(warehouse: Path, port: int = 4200,
                         progress: Callable[[str], None] = print):
    """Use PREFECT_API_URL if set (with PREFECT_API_AUTH_STRING for its credentials); otherwise
    start a local Prefect server for the duration, closed as norrlager.orchestrate.service
    describes."""
    from norrlager.orchestrate import service

    if os.environ.get("PREFECT_API_URL"):
        yield os.environ["PREFECT_API_URL"]
        return
    secret = service.api_secret(warehouse)
    url = f"http://127.0.0.1:{port}/api"
    prefect = Path(sys.executable).with_name("prefect")
    proc = subprocess.Popen([str(prefect), "server", "start", "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.STDOUT, env=service.server_env(port, secret))
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"the Prefect server stopped at start (exit {proc.returncode})"
                                   f"; is port {port} in use?")
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=2):
                    break
            except OSError:
                time.sleep(1)
        else:
            raise RuntimeError(f"the Prefect server did not start on {url}")
        progress(f"Prefect server up at {url.removesuffix('/api')} (UI and API; user "
                 f"{service.USER}, password in {service.secret_path(warehouse)} or "
                 f"{service.SECRET_ENV})")
        service.use_as_client(url, secret)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
