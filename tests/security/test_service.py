"""A closed service: `norrlager serve` answers only with its secret, allows no other web origin,
refuses a run that passes a path, and its Prefect server inherits no pseudonymisation key.
Started as a region starts it, on a free port of 127.0.0.1."""

from __future__ import annotations

import base64
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import free_port

from norrlager.orchestrate import service

pytestmark = pytest.mark.slow


def _call(url: str, method: str = "GET", body: dict | None = None,
          headers: dict | None = None) -> tuple[int, dict, bytes]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={
        "Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("served_api")
    port = free_port()
    key = secrets.token_hex(32)
    env = dict(os.environ, NORRLAGER_WAREHOUSE=str(root / "wh" / "norrlager.duckdb"),
               NORRLAGER_LANDING=str(root / "landing"), NORRLAGER_PSEUDONYM_KEY=key,
               PREFECT_HOME=str(root / "prefect"), PREFECT_RUNNER_POLL_FREQUENCY="2")
    env.pop("PREFECT_API_URL", None)
    log = (root / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "norrlager.cli", "serve", "--port", str(port)],
                            env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}/api"
    secret_file = root / "wh" / service.SECRET_FILE
    deadline = time.monotonic() + 150
    try:
        while time.monotonic() < deadline:
            assert proc.poll() is None, (root / "serve.log").read_text()
            if "is being served" in (root / "serve.log").read_text():
                break
            time.sleep(1)
        else:
            pytest.fail("norrlager serve did not come up: " + (root / "serve.log").read_text())
        secret = secret_file.read_text().strip()
        auth = base64.b64encode(f"norrlager:{secret}".encode()).decode()
        yield base, {"Authorization": f"Basic {auth}"}, key, root, proc
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def _csrf(base: str, auth: dict) -> dict:
    status, _h, body = _call(f"{base}/csrf-token?client=norrlager-test", headers=auth)
    assert status == 200
    return {**auth, "Prefect-Csrf-Token": json.loads(body)["token"],
            "Prefect-Csrf-Client": "norrlager-test"}


def test_the_api_refuses_a_caller_without_the_secret(served) -> None:
    base, auth, *_ = served
    assert _call(f"{base}/admin/version")[0] == 401
    assert _call(f"{base}/deployments/filter", "POST", {})[0] in (401, 403)
    wrong = {"Authorization": "Basic " + base64.b64encode(b"norrlager:guess").decode()}
    assert _call(f"{base}/admin/version", headers=wrong)[0] == 401
    assert _call(f"{base}/admin/version", headers=auth)[0] == 200
    status, _h, body = _call(f"{base}/deployments/filter", "POST", {},
                             headers=_csrf(base, auth))
    assert status == 200 and [d["name"] for d in json.loads(body)] == ["monthly"]


def test_the_secret_file_is_private(served) -> None:
    *_, root, _proc = served
    assert (root / "wh" / service.SECRET_FILE).stat().st_mode & 0o077 == 0


def test_a_web_page_of_another_origin_may_not_call_it(served) -> None:
    base, *_ = served
    _status, headers, _ = _call(f"{base}/deployments/filter", "OPTIONS", headers={
        "Origin": "http://evil.example", "Access-Control-Request-Method": "POST"})
    assert headers.get("access-control-allow-origin") != "http://evil.example"
    assert headers.get("access-control-allow-origin") != "*"
    # A state-changing request without Prefect's CSRF token is refused, credentials or not.
    assert _call(f"{base}/deployments/filter", "POST", {}, headers=served[1])[0] == 403


def test_the_prefect_server_inherits_no_pseudonymisation_key(served) -> None:
    *_, key, _root, proc = served
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
            environ = Path(f"/proc/{pid}/environ").read_bytes()
        except OSError:
            continue
        if b"server\x00start" in cmd and os.getsid(int(pid)) == os.getsid(proc.pid):
            found.append(pid)
            assert b"NORRLAGER_PSEUDONYM_KEY" not in environ and key.encode() not in environ
    assert found, "no Prefect server process found"


def test_a_run_that_passes_a_path_is_refused(served, tmp_path) -> None:
    base, auth, *_ = served
    headers = _csrf(base, auth)
    _s, _h, body = _call(f"{base}/deployments/filter", "POST", {}, headers=headers)
    deployment = json.loads(body)[0]["id"]
    evil = tmp_path / "evil"
    status, _h, body = _call(f"{base}/deployments/{deployment}/create_flow_run", "POST",
                             {"parameters": {"landing": str(evil), "demo": True}},
                             headers=headers)
    if status >= 400:  # refused by the API itself
        return
    run = json.loads(body)["id"]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        _s, _h, body = _call(f"{base}/flow_runs/{run}", headers=headers)
        state = json.loads(body)["state"]
        if state["type"] in ("FAILED", "CRASHED", "COMPLETED", "CANCELLED"):
            break
        time.sleep(2)
    assert state["type"] in ("FAILED", "CRASHED"), state
    assert not evil.exists()


def test_norrlager_prefect_talks_to_the_closed_api_with_its_secret(served) -> None:
    base, _auth, _key, root, _proc = served
    port = base.rsplit(":", 1)[1].split("/")[0]
    env = dict(os.environ, NORRLAGER_WAREHOUSE=str(root / "wh" / "norrlager.duckdb"),
               PREFECT_HOME=str(root / "prefect-client"), COLUMNS="250")
    env.pop("PREFECT_API_URL", None)
    env.pop("PREFECT_API_AUTH_STRING", None)
    done = subprocess.run([sys.executable, "-m", "norrlager.cli", "prefect", "--port", port,
                           "deployment", "ls"], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "norrlager-monthly-refresh/monthly" in done.stdout
