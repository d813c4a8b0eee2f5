"""One writer at a time: a load or refresh holds an exclusive lock beside the warehouse file.

DuckDB allows one writer per file; a second writer would fail deep inside a load with a
traceback. The lock is taken first, and a second load or refresh stops at once naming the
process that holds the warehouse. The lock is re-entrant within a process (a refresh holds it
while its load tasks take it again) and is released by the kernel if the holder dies.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from norrlager.ingest.errors import WarehouseBusyError

_held: dict[Path, tuple[int, int]] = {}  # lock file -> (fd, depth)


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".lock")


@contextmanager
def warehouse_lock(warehouse: Path, what: str = "load") -> Iterator[None]:
    path = lock_path(warehouse.resolve())
    if path in _held:
        fd, depth = _held[path]
        _held[path] = (fd, depth + 1)
        try:
            yield
        finally:
            _held[path] = (fd, _held[path][1] - 1)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 500, 0).decode("utf-8", "replace").strip() or "another process"
        os.close(fd)
        raise WarehouseBusyError(f"another refresh holds the warehouse {warehouse}: {holder}. "
                                 "Wait for it to finish, then try again.") from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, (f"{what} by process {os.getpid()} ({' '.join(sys.argv[:2])}), "
                   f"started {time.strftime('%Y-%m-%d %H:%M:%S')}").encode(), 0)
    _held[path] = (fd, 1)
    try:
        yield
    finally:
        if _held[path][1] <= 1:
            del _held[path]
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
