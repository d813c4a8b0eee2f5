"""Landing is a trust boundary (issue: a data-protection officer can sign it off). Each test is
one way a hostile local user or a careless delivery got through before: a link followed and its
target echoed, a manifest or a name that crashed the whole load, a newline forging a log line,
a file read whole whatever its size."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from boundary_helpers import (
    LEDGER_HEADER,
    csv_bytes,
    deliver,
    ledger_rows,
    load,
    loaded_january,
    query,
    rows,
)

JAN, FEB = "2023-01", "2023-02"
SECRET_LINE = "THE-FIRST-LINE-OF-A-KEY-FILE-0123456789abcdef"


@pytest.fixture
def wh(tmp_path: Path) -> tuple[Path, Path]:
    """A warehouse holding one good January."""
    return loaded_january(tmp_path)


def _said(warehouse: Path, report) -> list[str]:
    """Every text the load left for people to read, one per line of a log: the report's
    rejections and the quarantine's rows."""
    return [str(e) for e in report.rejected] + [
        " ".join(str(v) for v in r) for r in query(warehouse, "select * from audit.quarantine")]


def _everything_said(warehouse: Path, report) -> str:
    return "\n".join(_said(warehouse, report))


def test_a_file_that_is_a_link_outside_landing_is_refused_not_read(wh, tmp_path) -> None:
    landing, warehouse = wh
    secret = tmp_path / "outside" / "pseudonym.key"
    secret.parent.mkdir()
    secret.write_text(SECRET_LINE + "\n")
    folder = deliver(landing, "ledger", FEB, {"lines.csv": ("lines", csv_bytes(
        LEDGER_HEADER, ledger_rows(FEB)))})
    # The manifest stays as it was made for the real file; the file becomes a link.
    (folder / "lines.csv").unlink()
    (folder / "lines.csv").symlink_to(secret)
    before = rows(warehouse)
    report = load(warehouse, landing)
    assert [e.rule for e in report.rejected] == ["symbolic link"]
    assert rows(warehouse) == before
    said = _everything_said(warehouse, report)
    assert SECRET_LINE not in said
    # Not even its checksum: that would confirm a guess of the target's content.
    assert query(warehouse, "select sha256 from audit.quarantine") == [(None,)]


def test_a_manifest_that_is_a_link_is_refused(wh, tmp_path) -> None:
    landing, warehouse = wh
    folder = deliver(landing, "ledger", FEB, {"lines.csv": ("lines", csv_bytes(
        LEDGER_HEADER, ledger_rows(FEB)))})
    real = tmp_path / "elsewhere.json"
    (folder / "manifest.json").rename(real)
    (folder / "manifest.json").symlink_to(real)
    report = load(warehouse, landing)
    assert [e.rule for e in report.rejected] == ["symbolic link"]


@pytest.mark.parametrize("level", ["system", "delivery"])
def test_a_folder_that_is_a_link_is_refused_not_followed(wh, tmp_path, level: str) -> None:
    landing, warehouse = wh
    outside = tmp_path / "outside_landing"
    deliver(outside, "ledger", FEB, {"lines.csv": ("lines", csv_bytes(
        LEDGER_HEADER, ledger_rows(FEB)))})
    if level == "system":
        (landing / "invoices").symlink_to(outside / "ledger", target_is_directory=True)
    else:
        (landing / "ledger" / "feb").symlink_to(outside / "ledger" / FEB,
                                                target_is_directory=True)
    before = rows(warehouse)
    report = load(warehouse, landing)
    assert [e.rule for e in report.rejected] == ["symbolic link"]
    assert rows(warehouse) == before


def test_a_deeply_nested_manifest_is_a_finding_and_the_others_load(wh) -> None:
    landing, warehouse = wh
    deliver(landing, "ledger", FEB, {"lines.csv": ("lines", csv_bytes(
        LEDGER_HEADER, ledger_rows(FEB)))})
    bad = landing / "ledger" / "nested"
    bad.mkdir()
    (bad / "manifest.json").write_text("[" * 100_000 + "]" * 100_000)
    report = load(warehouse, landing)
    assert [e.rule for e in report.rejected] == ["manifest too deep"]
    assert report.rows == 4  # February still loaded


def test_a_huge_manifest_is_a_finding(wh) -> None:
    landing, warehouse = wh
    bad = landing / "ledger" / "huge"
    bad.mkdir()
    (bad / "manifest.json").write_text('{"x": "' + "a" * (2 << 20) + '"}')
    report = load(warehouse, landing)
    assert [e.rule for e in report.rejected] == ["file too large"]


@pytest.mark.parametrize("name", ["a" * 300, "x\nREJECTED forged.csv: [ok] all fine",
                                  "../../etc/passwd", "lines.csv\x00", ".hidden.csv", 7,
                                  "lines;1.csv", "é" * 120, "o'x.csv", "-rf.csv"])
def test_an_unsafe_file_name_in_a_manifest_is_a_finding(wh, name) -> None:
    landing, warehouse = wh
    folder = deliver(landing, "ledger", FEB, {"lines.csv": ("lines", csv_bytes(
        LEDGER_HEADER, ledger_rows(FEB)))})
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["files"][0]["file"] = name
    (folder / "manifest.json").write_text(json.dumps(manifest))
    before = rows(warehouse)
    report = load(warehouse, landing)
    assert [e.rule for e in report.rejected] in (["unsafe name"], ["manifest file name"])
    assert rows(warehouse) == before
    for said in _said(warehouse, report):
        assert "\n" not in said


@pytest.mark.parametrize("name", ["feb\nREJECTED: [forged] line", "a" * 250, "feb'x",
                                  "feb\tbad", " feb"])
def test_an_unsafe_folder_name_is_a_finding_without_control_characters(wh, name) -> None:
    landing, warehouse = wh
    try:
        deliver(landing, "ledger", FEB, {"lines.csv": ("lines", csv_bytes(
            LEDGER_HEADER, ledger_rows(FEB)))}, folder=name)
    except OSError:
        pytest.skip("this file system refuses the name itself")
    before = rows(warehouse)
    report = load(warehouse, landing)
    assert [e.rule for e in report.rejected] == ["unsafe name"]
    assert rows(warehouse) == before
    for said in _said(warehouse, report):
        assert "\n" not in said


def test_a_file_above_the_size_limit_is_refused_unread(wh, monkeypatch) -> None:
    landing, warehouse = wh
    many = ledger_rows(FEB, n=8000)  # about 1.3 MB
    deliver(landing, "ledger", FEB, {"lines.csv": ("lines", csv_bytes(LEDGER_HEADER, many))})
    monkeypatch.setenv("NORRLAGER_MAX_FILE_MB", "1")
    before = rows(warehouse)
    report = load(warehouse, landing)
    assert [e.rule for e in report.rejected] == ["file too large"]
    assert rows(warehouse) == before
    monkeypatch.setenv("NORRLAGER_MAX_FILE_MB", "2")
    # A size limit is a finding of the file as it is: a later load under a higher limit takes it.
    assert load(warehouse, landing).rows == 16000


def test_a_fifo_in_place_of_a_file_is_refused_without_blocking(wh) -> None:
    landing, warehouse = wh
    folder = deliver(landing, "ledger", FEB, {"lines.csv": ("lines", csv_bytes(
        LEDGER_HEADER, ledger_rows(FEB)))})
    (folder / "lines.csv").unlink()
    os.mkfifo(folder / "lines.csv")
    report = load(warehouse, landing)
    assert [e.rule for e in report.rejected] == ["not a file"]
