"""Start-up costs paid while the simulation ends: the Prefect temporary server (~10 s) and
dbt's full parse of the project (~10 s on a fresh clone). The simulation keeps both cores busy
until the patient administration system's process is done; the ledger's and HR's go on for a
while after on one core, and both start-ups fit on the other instead of after the simulation.
"""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

from norrlager.config import PROJECT_DIR
from norrlager.transform.build import dbt_env, dbt_executable


class Warmup:
    """start() once a core is free (any number of calls: the first starts), wait() before the
    first flow run."""

    def __init__(self, warehouse: Path) -> None:
        self.warehouse = warehouse
        self.errors: list[str] = []
        self._server: threading.Thread | None = None
        self._parse: subprocess.Popen | None = None
        self._started = False
        self._lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            if self._started:
                return
            self._started = True
            env = dbt_env(self.warehouse)  # the build's own: its parse is then reused
            from prefect.settings import PREFECT_API_URL

            if not PREFECT_API_URL.value():  # a configured server needs no temporary one
                self._server = threading.Thread(target=self._start_prefect_server, daemon=True)
                self._server.start()
            self._parse = subprocess.Popen(
                [dbt_executable(), "parse", "--project-dir", str(PROJECT_DIR),
                 "--profiles-dir", str(PROJECT_DIR)], cwd=PROJECT_DIR, env=env,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def _start_prefect_server(self) -> None:
        try:
            from prefect.server.api.server import SubprocessASGIServer

            # The same instance the flow's client asks for (keyed by port None), so the flow
            # run finds it running.
            SubprocessASGIServer().start()
        except Exception as exc:  # reported by wait(): the flow starts its own
            self.errors.append(f"Prefect server: {exc}")

    def wait(self) -> list[str]:
        """Both done; what failed is only slower later (the flow starts the server itself, the
        build parses in full), so failures are reported, not raised."""
        self.start()
        if self._server is not None:
            self._server.join()
        if self._parse is not None and self._parse.wait() != 0:
            self.errors.append(f"dbt parse exited with {self._parse.returncode}")
        return self.errors
