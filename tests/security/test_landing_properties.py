"""Property: whatever a hostile or careless sender puts in landing's structure (the manifest's
JSON, however nested or typed, and any file or folder name) the load never raises: it loads a
correct delivery exactly or rejects it with a quarantine row, raw unchanged, and nothing it
says holds a control character. CI runs a fixed, derandomised budget (profile `ci`)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from boundary_helpers import (
    BASE,
    LEDGER_HEADER,
    PROPERTY_KEY,
    base_warehouse,
    csv_bytes,
    deliver,
    ledger_rows,
    raw_tables,
)
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from norrlager.ingest.loader import load_landing

# Each example copies and loads a warehouse (about 0.3 s): 40 of each keep the suite quick.
SETTINGS = settings(deadline=None, max_examples=min(40, settings.default.max_examples),
                    suppress_health_check=[HealthCheck.too_slow])

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["system", "period", "delivered_at", "files", "file",
                                       "entity", "rows", "sha256", "encoding", "control_sums",
                                       "debit", "credit", "x"]), children, max_size=5),
    max_leaves=25)

NAMES = st.one_of(
    st.text(min_size=1, max_size=300),
    st.sampled_from(["..", ".", "a/b", "a\\b", "a\nREJECTED forged", "\x00", " ", "-", "é",
                     "a" * 255, "a" * 256, "CON", "manifest.json", "*", "~", "$(id)"]))


def _good_manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text())


def _load_and_check(root: Path, landing: Path, before: dict) -> None:
    warehouse = root / "wh.duckdb"
    report = load_landing(warehouse, landing, progress=lambda _m: None, key=PROPERTY_KEY)
    after = raw_tables(warehouse)
    for err in report.rejected:
        said = str(err)
        assert not any(ord(c) < 32 for c in said), said
    if report.rejected:
        assert after == before, "a rejected delivery changed raw"
        with __import__("duckdb").connect(str(warehouse), read_only=True) as con:
            rows = con.execute("select file, message from audit.quarantine").fetchall()
        assert rows
        for file, message in rows:
            assert not any(ord(c) < 32 for c in f"{file} {message}")
    note(f"rejected: {report.rejected}")


def _workspace(tmp: str) -> tuple[Path, Path, dict]:
    root = Path(tmp)
    shutil.copy(base_warehouse(), root / "wh.duckdb")
    landing = root / "landing"
    shutil.copytree(BASE["landing"], landing)
    return root, landing, raw_tables(root / "wh.duckdb")


@SETTINGS
@given(st.one_of(JSON, st.fixed_dictionaries({"system": st.just("ledger"),
                                              "period": st.just("2023-02"),
                                              "delivered_at": JSON, "files": JSON})),
       st.integers(0, 3))
def test_any_manifest_structure_is_loaded_or_quarantined(manifest, nesting: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root, landing, before = _workspace(tmp)
        folder = deliver(landing, "ledger", "2023-02", {"lines.csv": ("lines", csv_bytes(
            LEDGER_HEADER, ledger_rows("2023-02")))})
        for _ in range(nesting):
            manifest = [manifest]
        (folder / "manifest.json").write_text(json.dumps(manifest))
        note(f"manifest: {manifest!r}")
        _load_and_check(root, landing, before)


@SETTINGS
@given(NAMES, st.sampled_from(["file", "delivery folder", "system folder"]))
def test_any_file_or_folder_name_is_loaded_or_quarantined(name: str, where: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root, landing, before = _workspace(tmp)
        folder = deliver(landing, "ledger", "2023-02", {"lines.csv": ("lines", csv_bytes(
            LEDGER_HEADER, ledger_rows("2023-02")))})
        try:
            if where == "file":
                manifest = _good_manifest(folder)
                os.rename(folder / "lines.csv", folder / name)
                manifest["files"][0]["file"] = name
                (folder / "manifest.json").write_text(json.dumps(manifest))
            elif where == "delivery folder":
                os.rename(folder, folder.parent / name)
            else:
                os.rename(landing / "ledger", landing / name)
        except (OSError, ValueError):
            return  # the file system itself refuses the name: nothing to load
        note(f"{where}: {name!r}")
        _load_and_check(root, landing, before)
