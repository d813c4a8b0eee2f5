"""Shared fixtures. The demo warehouse is built once per session (simulate, load, dbt build)."""

from __future__ import annotations

import os
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


def _test_key_file() -> Path:
    """A random pseudonymisation key for the test session, in a private key file, as a region
    would keep it (the tests scan everything published for it)."""
    import secrets
    import tempfile

    path = Path(tempfile.mkdtemp(prefix="norrlager-key-")) / "pseudonym.key"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_hex(32) + "\n")
    return path


# `make test` runs two pytest-xdist workers. The controller makes the session's key and the
# workers inherit it (the demo one of them builds is read by both); each worker's dbt writes its
# own artifacts and log, as two dbt processes on one project must.
WORKER = os.environ.get("PYTEST_XDIST_WORKER")
os.environ.pop("NORRLAGER_PSEUDONYM_KEY", None)
if not (WORKER and os.environ.get("NORRLAGER_TEST_KEY_FILE")):
    os.environ["NORRLAGER_TEST_KEY_FILE"] = str(_test_key_file())
os.environ["NORRLAGER_PSEUDONYM_KEY_FILE"] = os.environ["NORRLAGER_TEST_KEY_FILE"]
if WORKER:
    import sys

    os.environ["DBT_TARGET_PATH"] = f"target/{WORKER}"
    os.environ["DBT_LOG_PATH"] = f"logs/{WORKER}"
    # A worker's __main__ is execnet's, without a file: pyspark.sql.connect, which Great
    # Expectations tries to import when pyspark is installed, takes that for a doctest run and
    # exits. Given a file name while Great Expectations is imported, it finds its optional
    # dependencies missing instead, and Great Expectations goes on without it. Only then: with
    # the name left, a spawned process (the simulator's) would try to run that file as __main__.
    main = sys.modules["__main__"]
    if not hasattr(main, "__file__"):
        main.__file__ = "pytest-xdist-worker"
        try:
            import great_expectations.compatibility.pyspark  # noqa: F401
        finally:
            del main.__file__


@dataclass
class Demo:
    root: Path
    landing: Path
    warehouse: Path
    build_success: bool
    build_failures: list[str]


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    """Built once for the whole run: by the first worker that needs it, under a lock the other
    waits on; both then read it (the tests that change it change a copy)."""
    if not WORKER:
        return _build_demo(tmp_path_factory.mktemp("demo"))
    import fcntl
    import json

    shared = tmp_path_factory.getbasetemp().parent
    root, built = shared / "demo", shared / "demo.json"
    with open(shared / "demo.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not built.exists():
            shutil.rmtree(root, ignore_errors=True)  # what a worker that failed left
            root.mkdir()
            made = _build_demo(root)
            built.write_text(json.dumps(asdict(made), default=str))
            return made
    fields = json.loads(built.read_text())
    return Demo(**{**fields, **{k: Path(fields[k]) for k in ("root", "landing", "warehouse")}})


def _build_demo(root: Path) -> Demo:
    from norrlager.ingest.loader import load_landing
    from norrlager.simulate.region import simulate_region
    from norrlager.transform.build import dbt_build
    from norrlager.transform.build_plan import plan_build, record_build

    if (free := _free_gb(root)) < DISK_NEEDED_GB:
        pytest.fail(f"{free:.1f} GB free in {root}: the demo tests need about "
                    f"{DISK_NEEDED_GB:.0f} GB (set TMPDIR to a larger disk)", pytrace=False)
    landing, warehouse = root / "landing", root / "warehouse" / "norrlager.duckdb"
    if reuse := os.environ.get("NORRLAGER_TEST_REUSE_DEMO"):
        # For iterating on a few tests: a folder `norrlager run` built the demo into earlier
        # (NORRLAGER_WAREHOUSE=<folder>/warehouse.duckdb, NORRLAGER_LANDING=<folder>/landing).
        # Its pseudonyms are under its own key, so the privacy tests do not hold there.
        warehouse.parent.mkdir()
        shutil.copy(Path(reuse) / "warehouse.duckdb", warehouse)
        return Demo(root, Path(reuse) / "landing", warehouse, True, [])
    simulate_region(landing, progress=lambda _m: None)
    report = load_landing(warehouse, landing, progress=lambda _m: None)
    assert not report.rejected, report.rejected
    plan = plan_build(warehouse, full_refresh=True)
    result = dbt_build(warehouse, progress=lambda _m: None)
    if result.success:  # as a refresh records it: a copy's next refresh builds what is new only
        record_build(warehouse, plan)
    return Demo(root, landing, warehouse, result.success, result.failures)


@pytest.fixture(scope="session")
def dbt_manifest(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The project as dbt parses it (manifest.json), for tests of its shape and its rules."""
    import json

    from norrlager.transform.build import dbt_invoke

    target = tmp_path_factory.mktemp("parse")
    proc = dbt_invoke(["parse", "--target-path", str(target)], target / "unused.duckdb",
                      progress=lambda _m: None)
    assert proc.returncode == 0, proc.stdout[-2000:]
    return json.loads((target / "manifest.json").read_text(encoding="utf-8"))


def tie_failures(warehouse: Path, tmp_path: Path, check: str,
                 suite_name: str = "cross_system_ties") -> list[str]:
    """A check of a validation suite as the refresh runs it: its failing keys."""
    from norrlager.quality.validate import load_suites, run_validation

    [suite] = [s for s in load_suites() if s["suite"] == suite_name]
    run = run_validation(warehouse, progress=lambda _m: None, suites=[suite],
                         docs_root=tmp_path / "docs", record=False)
    return [k for r in run.results if r.check == check for k in r.failing_keys]


def free_port(fixed: bool = False) -> int:
    """A port nothing listens on now, on loopback (for a server a test starts). `fixed`: below
    the ephemeral range, for a server whose own process binds random ports before it (Spark),
    one of which could otherwise be the port chosen."""
    import random
    import socket

    while True:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", random.randint(20000, 30000) if fixed else 0))
            except OSError:
                continue
            return s.getsockname()[1]


def chromium() -> str | None:
    """Debian's Chromium (.ci/run installs it); a test tool's own browser download fails offline."""
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser")


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                  "--virtual-time-budget=20000"]


def dump_dom(url: str, profile: Path) -> str:
    import subprocess

    return subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                           "--dump-dom", url], capture_output=True, text=True, timeout=120,
                          check=True).stdout


def _hypothesis_profiles() -> None:
    """CI: a fixed, derandomised budget. `--hypothesis-profile=long`: a longer random search."""
    from hypothesis import settings

    settings.register_profile("ci", max_examples=100, derandomize=True, print_blob=True)
    settings.register_profile("long", max_examples=2000, print_blob=True)
    # `make test-fast`: a small derandomised budget for the contributor's loop.
    settings.register_profile("quick", max_examples=20, derandomize=True, print_blob=True)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_hypothesis_profiles()


def _free_gb(path: Path) -> float:
    return shutil.disk_usage(path).free / 2**30


# The demo (landing 0.7 GB, warehouse 0.6 GB), a test's copy of the warehouse and the Spark sample
# need this much at once; below it the suite fails in confusing ways (no space left on device).
DISK_NEEDED_GB = 4.0


def pytest_report_header(config: pytest.Config) -> list[str]:
    import tempfile

    tmp = Path(tempfile.gettempdir())
    return [f"free disk: {_free_gb(tmp):.1f} GB in {tmp} (the demo tests need about "
            f"{DISK_NEEDED_GB:.0f} GB), {_free_gb(Path.cwd()):.1f} GB in {Path.cwd()}"]


# The longest modules, longest first (measured in `make test`): with two workers, one starts the
# parity at once, and no long module is left for the end while the other worker idles.
LONGEST = ("test_parity.py", "test_refresh_flow.py", "test_seeds.py", "test_cluster.py",
           "test_warehouse.py", "test_purchased_care.py", "test_personnel.py",
           "test_simulation.py", "test_dbt_unit_tests.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that needs the demo warehouse is slow: `make test-fast` leaves them out.
    Modules run in this order: the Spark parity, those that need no demo (one worker runs them
    while the other builds the demo), then the rest, each group longest first. Each module's
    tests stay together: pytest-xdist's --dist loadscope hands a module to one worker, in this
    order with --no-loadscope-reorder."""
    needs_demo = set()
    for item in items:
        if "demo" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
            needs_demo.add(item.path)
    items.sort(key=lambda item: (item.path.name != LONGEST[0], item.path in needs_demo,
                                 LONGEST.index(item.path.name) if item.path.name in LONGEST
                                 else len(LONGEST)))
