"""The pseudonymisation key and the pseudonyms made with it.

A person identifier (personal identity number) never enters the warehouse: the loader replaces it
with HMAC-SHA256 under a secret key, in Python, before a row reaches `raw`. The key is read from
the environment variable NORRLAGER_PSEUDONYM_KEY or from a key file (NORRLAGER_PSEUDONYM_KEY_FILE,
default `warehouse/pseudonym.key`) that only its owner may read (mode 0600). It is never passed
to dbt, written to a log or stored in the warehouse; the warehouse keeps only a fingerprint (an
HMAC of a fixed text), so that a load under another key is stopped instead of silently giving
every person a second pseudonym.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from norrlager.config import PROJECT_DIR

KEY_ENV = "NORRLAGER_PSEUDONYM_KEY"
KEY_FILE_ENV = "NORRLAGER_PSEUDONYM_KEY_FILE"
DEFAULT_KEY_FILE = "warehouse/pseudonym.key"
MIN_KEY_BYTES = 16


class PseudonymKeyError(RuntimeError):
    """The key is missing, unreadable, too short or readable by others."""


@dataclass(frozen=True)
class PseudonymKey:
    secret: bytes
    source: str  # where it came from, for messages: never the key itself

    def __repr__(self) -> str:  # a key must not reach a log through a repr
        return f"PseudonymKey(source={self.source!r})"

    @property
    def fingerprint(self) -> str:
        """Identifies the key without revealing it: HMAC of a fixed text, 16 hex digits."""
        return hmac.new(self.secret, b"norrlager key fingerprint", hashlib.sha256).hexdigest()[:16]

    def pseudonym(self, identifier: str) -> str:
        return hmac.digest(self.secret, identifier.encode("utf-8"), "sha256").hex()


def key_file_path() -> Path:
    value = Path(os.environ.get(KEY_FILE_ENV, DEFAULT_KEY_FILE))
    return value if value.is_absolute() else PROJECT_DIR / value


def _read_key_file(path: Path) -> PseudonymKey:
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            raise PseudonymKeyError(f"the pseudonymisation key file {path} can be read by "
                                    f"others (mode {mode:o}); make it private: chmod 600 {path}")
        secret = path.read_bytes().strip()
    except OSError as e:
        raise PseudonymKeyError(f"cannot read the pseudonymisation key file {path}: "
                                f"{e.strerror}") from None
    if len(secret) < MIN_KEY_BYTES:
        raise PseudonymKeyError(f"the pseudonymisation key in {path} is shorter than "
                                f"{MIN_KEY_BYTES} bytes")
    return PseudonymKey(secret, f"key file {path}")


def create_demo_key(path: Path) -> PseudonymKey:
    """A random key for the demo, written with mode 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_hex(32) + "\n")
    return _read_key_file(path)


def load_key(demo: bool = False, progress: Callable[[str], None] = print) -> PseudonymKey:
    """The key from the environment or the key file. In demo mode a missing key file is created
    (and the user told); otherwise a missing key stops the load."""
    if os.environ.get(KEY_ENV):
        secret = os.environ[KEY_ENV].encode("utf-8")
        if len(secret) < MIN_KEY_BYTES:
            raise PseudonymKeyError(f"{KEY_ENV} is shorter than {MIN_KEY_BYTES} bytes")
        return PseudonymKey(secret, f"environment variable {KEY_ENV}")
    path = key_file_path()
    if not path.exists():
        if not demo:
            raise PseudonymKeyError(f"no pseudonymisation key: set {KEY_ENV} (a secret of at least "
                            f"{MIN_KEY_BYTES} bytes) or put one in the key file {path} (mode "
                            f"0600, or point {KEY_FILE_ENV} at it). The demo (`norrlager run`) "
                            "creates a random one.")
        key = create_demo_key(path)
        progress(f"created a random pseudonymisation key for the demo in {path} (mode 0600); "
                 "keep it: another key gives every person another pseudonym")
        return key
    return _read_key_file(path)
