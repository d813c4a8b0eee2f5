"""How the command line reports progress: one line a step, stamped with the time and flushed at
once, so a long step shows while it runs (through a pipe or a log too)."""

from __future__ import annotations

import time


def progress(msg: str) -> None:
    print(f"[norrlager {time.strftime('%H:%M:%S')}] {msg}", flush=True)
