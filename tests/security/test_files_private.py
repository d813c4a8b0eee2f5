"""Least privilege on disk: files Norrlager writes are its owner's (0600, folders 0700); with
NORRLAGER_SERVING_GROUP the serving tree is the BI group's to read (0640/0750) and the folders
above it only passable (0710); nothing else is shared. (The refresh-flow test checks a whole
refresh's output.)"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from norrlager.serve import permissions


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, Path]:
    wh = tmp_path / "warehouse"
    serving = wh / "serving" / "norrlager.duckdb"
    (wh / "serving" / "parquet" / "run-1").mkdir(parents=True)
    (wh / "deliveries").mkdir()
    for f in (wh / "norrlager.duckdb", serving, wh / "serving" / "parquet" / "run-1" / "t.parquet",
              wh / "deliveries" / "waiting_times_2023-12.csv", wh / "pseudonym.key"):
        f.write_text("x")
        os.chmod(f, 0o644)
    return wh / "norrlager.duckdb", serving


def test_files_created_after_private_by_default_are_the_owners_only(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        permissions.private_by_default()
        (tmp_path / "made").mkdir()
        (tmp_path / "made" / "file.csv").write_text("x")
        assert _mode(tmp_path / "made") == 0o700
        assert _mode(tmp_path / "made" / "file.csv") == 0o600
    finally:
        os.umask(old)


def test_without_a_group_everything_is_private(tree, monkeypatch) -> None:
    monkeypatch.delenv(permissions.GROUP_ENV, raising=False)
    warehouse, serving = tree
    permissions.secure_outputs(warehouse, serving)
    for p in [warehouse.parent, *warehouse.parent.rglob("*")]:
        assert _mode(p) in (0o600, 0o700), p


def test_the_serving_group_reads_the_serving_tree_and_nothing_else(tree, monkeypatch) -> None:
    monkeypatch.setenv(permissions.GROUP_ENV, str(os.getgid()))
    warehouse, serving = tree
    permissions.secure_outputs(warehouse, serving)
    root = serving.parent
    for p in [root, *root.rglob("*")]:
        assert _mode(p) == (0o750 if p.is_dir() else 0o640), p
    assert _mode(warehouse.parent) == 0o710  # passable to reach serving/, not listable
    for p in (warehouse, warehouse.parent / "deliveries",
              warehouse.parent / "deliveries" / "waiting_times_2023-12.csv",
              warehouse.parent / "pseudonym.key"):
        assert _mode(p) & 0o077 == 0, p


def test_an_unknown_group_is_a_clear_error(monkeypatch) -> None:
    monkeypatch.setenv(permissions.GROUP_ENV, "no-such-group-xyz")
    with pytest.raises(ValueError, match="no group on this machine"):
        permissions.serving_group()


def test_deliveries_left_in_the_serving_tree_by_an_earlier_release_are_removed(tree) -> None:
    from norrlager.serve.deliveries import remove_legacy_deliveries

    _warehouse, serving = tree
    legacy = serving.parent / "deliveries" / "waiting_times"
    legacy.mkdir(parents=True)
    (legacy / "waiting_times_2023-03.csv").write_text("row-level")
    assert remove_legacy_deliveries(serving) == serving.parent / "deliveries"
    assert not (serving.parent / "deliveries").exists()
    assert remove_legacy_deliveries(serving) is None
