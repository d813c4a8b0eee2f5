"""The warm-up beside the simulation: started once, however often a core is reported free, and
with the build's own environment (another would make the build parse the project again)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import ClassVar

import pytest

from norrlager.transform import warmup


class FakeParse:
    calls: ClassVar[list[dict]] = []
    exit_code = 0

    def __init__(self, cmd, **kwargs) -> None:
        FakeParse.calls.append({"cmd": cmd, **kwargs})
        self.returncode: int | None = None

    def wait(self) -> int:
        self.returncode = self.exit_code
        return self.returncode


@pytest.fixture
def fake(monkeypatch) -> type[FakeParse]:
    FakeParse.calls = []
    monkeypatch.setattr(subprocess, "Popen", FakeParse)
    monkeypatch.setattr(warmup.Warmup, "_start_prefect_server", lambda self: None)
    monkeypatch.setenv("NORRLAGER_PSEUDONYM_KEY", "secret")
    return FakeParse


def test_started_once_with_the_builds_environment(fake, tmp_path: Path) -> None:
    warming = warmup.Warmup(tmp_path / "w.duckdb")
    warming.start()
    warming.start()
    assert warming.wait() == []
    [call] = fake.calls
    assert call["cmd"][1] == "parse"
    assert call["env"]["NORRLAGER_WAREHOUSE"] == str((tmp_path / "w.duckdb").resolve())
    assert "NORRLAGER_PSEUDONYM_KEY" not in call["env"]


def test_wait_starts_what_no_free_core_started_and_reports_failures(fake, monkeypatch,
                                                                    tmp_path) -> None:
    monkeypatch.setattr(FakeParse, "exit_code", 2)
    problems = warmup.Warmup(tmp_path / "w.duckdb").wait()
    assert len(fake.calls) == 1
    assert problems == ["dbt parse exited with 2"]
