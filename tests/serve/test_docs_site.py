"""The docs site is generated again only when the project's code changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from norrlager.config import dbt_target_dir
from norrlager.transform import build


def test_docs_are_kept_while_the_project_is_unchanged_and_regenerated_after(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []

    def fake_dbt(args, warehouse, progress, *rest, **kw):
        calls.append(args)
        dbt_target_dir(tmp_path).mkdir(parents=True, exist_ok=True)
        (dbt_target_dir(tmp_path) / "static_index.html").write_text(f"site {len(calls)}")
        return type("Done", (), {"returncode": 0, "stdout": ""})()

    monkeypatch.setattr(build, "dbt_invoke", fake_dbt)
    monkeypatch.setattr(build, "PROJECT_DIR", tmp_path)
    monkeypatch.setattr(build, "project_fingerprint", lambda: fingerprint[0])
    fingerprint = ["code v1"]
    out = tmp_path / "docs" / "index.html"
    build.dbt_docs(tmp_path / "w.duckdb", out, progress=lambda _m: None)
    build.dbt_docs(tmp_path / "w.duckdb", out, progress=lambda _m: None)
    assert len(calls) == 1 and out.read_text() == "site 1"
    assert "--no-compile" not in calls[0]  # no build has compiled the project yet
    fingerprint[0] = "code v2"
    (dbt_target_dir(tmp_path) / "manifest.json").write_text("{}")  # a build's compiled manifest
    build.dbt_docs(tmp_path / "w.duckdb", out, progress=lambda _m: None)
    assert len(calls) == 2 and out.read_text() == "site 2"
    assert "--no-compile" in calls[1]


def test_the_fingerprint_follows_the_models(tmp_path: Path) -> None:
    (tmp_path / "models").mkdir()
    (tmp_path / "dbt_project.yml").write_text("name: x")
    (tmp_path / "models" / "a.sql").write_text("select 1")
    before = build.project_fingerprint(tmp_path)
    assert build.project_fingerprint(tmp_path) == before
    (tmp_path / "models" / "a.sql").write_text("select 2")
    assert build.project_fingerprint(tmp_path) != before
