"""The served Prefect API, closed: credentials, CSRF protection, CORS for its own UI only.

`norrlager serve` starts a Prefect server on 127.0.0.1 with Prefect's own API authentication
(basic auth, `norrlager:<secret>`). The secret comes from NORRLAGER_API_SECRET or from the file
`prefect-api.secret` beside the warehouse, created on first use with mode 0600. Every client the
service starts (the serving process itself, its flow runs, `norrlager prefect …`) is given it;
any other local user, or a web page in a browser on the machine, gets 401. The server's process
inherits no pseudonymisation key (the command line takes it out of the environment first).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

SECRET_ENV = "NORRLAGER_API_SECRET"
SECRET_FILE = "prefect-api.secret"
USER = "norrlager"
MIN_SECRET = 24


class ServiceSecretError(RuntimeError):
    """The API secret is missing, too short or readable by others."""


def secret_path(warehouse: Path) -> Path:
    return warehouse.parent / SECRET_FILE


def api_secret(warehouse: Path) -> str:
    """The API secret: from the environment, else the secret file (created 0600 on first
    use)."""
    value = os.environ.get(SECRET_ENV, "").strip()
    if value:
        if len(value) < MIN_SECRET:
            raise ServiceSecretError(f"{SECRET_ENV} must be at least {MIN_SECRET} characters")
        return value
    path = secret_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        if path.is_symlink() or path.stat().st_mode & 0o077:
            raise ServiceSecretError(f"the API secret file {path} must be a private file "
                                     f"(chmod 600 {path})") from None
        value = path.read_text(encoding="utf-8").strip()
        if len(value) < MIN_SECRET:
            raise ServiceSecretError(f"the API secret in {path} is shorter than {MIN_SECRET} "
                                     "characters") from None
        return value
    value = secrets.token_urlsafe(32)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(value + "\n")
    return value


def auth_string(secret: str) -> str:
    """Prefect's basic-auth string, `user:password`."""
    return f"{USER}:{secret}"


def server_env(port: int, secret: str) -> dict[str, str]:
    """The Prefect server's environment: auth on, CSRF protection on, CORS limited to the UI's
    own origin, bound to 127.0.0.1, and no pseudonymisation key."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NORRLAGER_PSEUDONYM_KEY")
           and k != SECRET_ENV}
    origin = f"http://127.0.0.1:{port}"
    env.update({
        "PREFECT_SERVER_API_AUTH_STRING": auth_string(secret),
        "PREFECT_SERVER_API_HOST": "127.0.0.1",
        "PREFECT_SERVER_API_PORT": str(port),
        "PREFECT_SERVER_CSRF_PROTECTION_ENABLED": "true",
        "PREFECT_SERVER_CORS_ALLOWED_ORIGINS": origin,
        "PREFECT_SERVER_CORS_ALLOWED_HEADERS": "Content-Type,Authorization,Prefect-Csrf-Token,"
                                               "Prefect-Csrf-Client",
        "PREFECT_UI_API_URL": f"{origin}/api",
    })
    return env


def use_as_client(url: str, secret: str) -> None:
    """This process (and the flow runs it starts) talks to the server with the secret."""
    os.environ["PREFECT_API_URL"] = url
    os.environ["PREFECT_API_AUTH_STRING"] = auth_string(secret)
    os.environ["PREFECT_CLIENT_CSRF_SUPPORT_ENABLED"] = "true"
