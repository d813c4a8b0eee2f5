"""One dbt build: its result is read from what this build wrote, never from an earlier one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from norrlager.transform import build


def test_a_build_that_fails_before_any_node_reports_no_earlier_counts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "target").mkdir()
    earlier = {"results": [{"unique_id": "model.norrlager.a", "status": "success"}]}
    (tmp_path / "target" / "run_results.json").write_text(json.dumps(earlier))

    def parse_error(*_args, **_kw):
        return type("Done", (), {"returncode": 2, "stdout": "Parsing Error: a bad model"})()

    monkeypatch.setattr(build, "dbt_invoke", parse_error)
    result = build.dbt_build(tmp_path / "w.duckdb", progress=lambda _m: None,
                             project_dir=tmp_path)
    assert not result.success
    assert result.counts == {}
    assert "Parsing Error" in result.failures[0]


def test_dbt_logs_at_info_unless_the_caller_asks_for_more(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBT_LOG_LEVEL_FILE", raising=False)
    assert build.dbt_env(tmp_path / "w.duckdb")["DBT_LOG_LEVEL_FILE"] == "info"
    monkeypatch.setenv("DBT_LOG_LEVEL_FILE", "debug")
    assert build.dbt_env(tmp_path / "w.duckdb")["DBT_LOG_LEVEL_FILE"] == "debug"
