"""Start-up costs paid while the simulation runs: the Prefect temporary server (~10 s) and dbt's
full parse of the project (~10 s on a fresh clone). The simulation keeps one core busy for most
of its ~50 s, so on a 2-core machine both fit beside it instead of after it."""

from __future__ import annotations

import os
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

from norrlager.build import dbt_executable
from norrlager.config import PROJECT_DIR, quiet_telemetry


@dataclass
class Warmup:
    server: threading.Thread | None
    parse: subprocess.Popen | None
    errors: list[str]

    def wait(self) -> list[str]:
        """Both done; what failed is only slower later (the flow starts the server itself, the
        build parses in full), so failures are reported, not raised."""
        if self.server is not None:
            self.server.join()
        if self.parse is not None and self.parse.wait() != 0:
            self.errors.append(f"dbt parse exited with {self.parse.returncode}")
        return self.errors


def _start_prefect_server(errors: list[str]) -> None:
    try:
        from prefect.server.api.server import SubprocessASGIServer

        # The same instance the flow's client asks for (keyed by port None), so the flow run
        # finds it running.
        SubprocessASGIServer().start()
    except Exception as exc:  # reported by Warmup.wait: the flow starts its own
        errors.append(f"Prefect server: {exc}")


def start(warehouse: Path) -> Warmup:
    """Begin both in the background; Warmup.wait() before the first flow run."""
    quiet_telemetry()
    errors: list[str] = []
    server = None
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():  # a configured server needs no temporary one
        server = threading.Thread(target=_start_prefect_server, args=(errors,), daemon=True)
        server.start()
    # The same environment as the build's (dbt_invoke): the warehouse path is part of the
    # profile, and a changed profile forces a full parse again.
    env = dict(os.environ, NORRLAGER_WAREHOUSE=str(warehouse.resolve()))
    env.pop("NORRLAGER_PSEUDONYM_KEY", None)
    parse = subprocess.Popen([dbt_executable(), "parse", "--project-dir", str(PROJECT_DIR),
                              "--profiles-dir", str(PROJECT_DIR)], cwd=PROJECT_DIR, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return Warmup(server, parse, errors)
