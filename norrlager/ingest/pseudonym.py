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
import math
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
MIN_KEY_BYTES = 32
# A key must look random: a passphrase or a repeated pattern falls to a dictionary search from
# one known identity number and its pseudonym. Estimated as the key's length times the Shannon
# entropy of its characters (a 64-digit hex key from `secrets.token_hex(32)` scores about 250).
MIN_KEY_BITS = 128
MIN_DISTINCT = 10
MAKE_KEY = 'python -c "import secrets; print(secrets.token_hex(32))"'
# A key given in the environment is taken out of it at start-up (take_key_from_environment),
# so that no child process (dbt, the Prefect server, a browser) inherits it.
_ENV_SECRET: list[bytes] = []


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


def key_problem(secret: bytes) -> str | None:
    """Why a secret is no good pseudonymisation key, or None."""
    if len(secret) < MIN_KEY_BYTES:
        return f"is shorter than {MIN_KEY_BYTES} bytes"
    counts = [secret.count(b) for b in set(secret)]
    bits = -sum(c * math.log2(c / len(secret)) for c in counts)
    if len(counts) < MIN_DISTINCT or bits < MIN_KEY_BITS:
        return ("has too little variety to be a random key (a passphrase or a pattern can be "
                "found by a dictionary search)")
    return None


def _checked(secret: bytes, where: str) -> bytes:
    problem = key_problem(secret)
    if problem:
        raise PseudonymKeyError(f"the pseudonymisation key in {where} {problem}; make one "
                                f"with: {MAKE_KEY}")
    return secret


def take_key_from_environment() -> None:
    """Move NORRLAGER_PSEUDONYM_KEY out of the environment into this process's memory: the
    key is read only by the process that loads, and no child process inherits it."""
    value = os.environ.pop(KEY_ENV, None)
    if value:
        _ENV_SECRET[:] = [value.encode("utf-8")]


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
    return PseudonymKey(_checked(secret, f"the key file {path}"), f"key file {path}")


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
    secret = os.environ[KEY_ENV].encode("utf-8") if os.environ.get(KEY_ENV) else (
        _ENV_SECRET[0] if _ENV_SECRET else None)
    if secret:
        return PseudonymKey(_checked(secret, f"the environment variable {KEY_ENV}"),
                            f"environment variable {KEY_ENV}")
    path = key_file_path()
    if not path.exists():
        if not demo:
            raise PseudonymKeyError(f"no pseudonymisation key: set {KEY_ENV} (a random secret "
                            f"of at least {MIN_KEY_BYTES} bytes: {MAKE_KEY}) or put one in the "
                            f"key file {path} (mode 0600, or point {KEY_FILE_ENV} at it). The "
                            "demo (`norrlager run`) creates a random one.")
        key = create_demo_key(path)
        progress(f"created a random pseudonymisation key for the demo in {path} (mode 0600); "
                 "keep it: another key gives every person another pseudonym")
        return key
    return _read_key_file(path)
