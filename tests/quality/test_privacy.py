"""Pseudonymisation at the boundary: HMAC-SHA256 under a secret key, in the loader, and a key that
never reaches anything published."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from pathlib import Path

import duckdb
import pytest
from boundary_helpers import csv_bytes, deliver, load, query

from norrlager.ingest.pseudonym import PseudonymKey, PseudonymKeyError, key_file_path, load_key
from norrlager.serve.publish import is_served
from norrlager.simulate.persons import personnummer

HEADER = "period;personnummer;namn;fodelsedatum;kon"
ANNA, BO = personnummer("19800207", 85), personnummer("19911215", 428)


def _persons(period: str, *people: tuple[str, str]) -> bytes:
    return csv_bytes(HEADER, [f"{period};{p};{name};{p[:4]}-{p[4:6]}-{p[6:8]};K"
                              for p, name in people])


def _deliver(landing: Path, period: str, *people: tuple[str, str]) -> None:
    deliver(landing, "hr", period, {"persons.csv": ("persons", _persons(period, *people))})


KEY = PseudonymKey(b"k" * 32, "test")


def test_pseudonyms_are_hmac_sha256_under_the_key_and_stable_across_months(tmp_path) -> None:
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    _deliver(landing, "2023-01", (ANNA, "Anna Berg"))
    load(warehouse, landing, key=KEY)
    _deliver(landing, "2023-02", (ANNA, "Anna Berg"), (BO, "Bo Ek"))
    load(warehouse, landing, key=KEY)
    got = query(warehouse, "select period, person_key, birth_year from raw.hr_persons "
                           "order by period, birth_year")
    expected = hmac.new(b"k" * 32, ANNA.encode(), hashlib.sha256).hexdigest()
    assert got[0] == ("2023-01", expected, 1980)
    assert got[1] == ("2023-02", expected, 1980)  # the same person, the same pseudonym
    assert got[2][2] == 1991
    columns = {c for (c,) in query(warehouse, "select column_name from duckdb_columns() "
                                              "where table_name = 'hr_persons'")}
    assert not columns & {"personnummer", "namn", "fodelsedatum"}
    raw = Path(warehouse).read_bytes()
    assert ANNA.encode() not in raw and b"Anna Berg" not in raw


def test_another_key_gives_other_pseudonyms_and_needs_an_explicit_rotation(tmp_path) -> None:
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    _deliver(landing, "2023-01", (ANNA, "Anna Berg"), (BO, "Bo Ek"))
    load(warehouse, landing, key=KEY)
    before = {k for (k,) in query(warehouse, "select person_key from raw.hr_persons")}
    other = PseudonymKey(b"o" * 32, "other")
    with pytest.raises(PseudonymKeyError, match="--rotate-key"):
        load(warehouse, landing, key=other)
    assert {k for (k,) in query(warehouse, "select person_key from raw.hr_persons")} == before
    report = load(warehouse, landing, key=other, rotate_key=True)
    after = {k for (k,) in query(warehouse, "select person_key from raw.hr_persons")}
    assert report.rows == 2 and len(after) == 2 and not after & before


def test_a_missing_key_stops_a_production_load_and_the_demo_makes_one(tmp_path,
                                                                      monkeypatch) -> None:
    monkeypatch.delenv("NORRLAGER_PSEUDONYM_KEY", raising=False)
    monkeypatch.setenv("NORRLAGER_PSEUDONYM_KEY_FILE", str(tmp_path / "k" / "pseudonym.key"))
    with pytest.raises(PseudonymKeyError, match="no pseudonymisation key"):
        load_key(demo=False)
    said = []
    key = load_key(demo=True, progress=said.append)
    path = key_file_path()
    assert oct(path.stat().st_mode & 0o777) == "0o600" and "created a random" in said[0]
    assert load_key() == key  # read back, the same key
    assert str(path) in repr(key) and path.read_text().strip() not in repr(key)
    os.chmod(path, 0o644)
    with pytest.raises(PseudonymKeyError, match="chmod 600"):
        load_key()


def test_the_key_never_reaches_dbt(tmp_path, monkeypatch) -> None:
    from norrlager.transform import build

    seen = {}

    class Proc:
        stdout = ()
        returncode = 0

        def __init__(self, cmd, env, **_kw) -> None:
            seen.update(env)

        def wait(self) -> int:
            return 0

    monkeypatch.setenv("NORRLAGER_PSEUDONYM_KEY", "a secret of more than sixteen bytes")
    monkeypatch.setattr(build.subprocess, "Popen", Proc)
    build.dbt_invoke(["parse"], tmp_path / "wh.duckdb", progress=lambda _m: None)
    assert "NORRLAGER_PSEUDONYM_KEY" not in seen and "NORRLAGER_WAREHOUSE" in seen


def test_the_artefact_scan_finds_a_key_and_an_identity_number(tmp_path) -> None:
    from norrlager.quality.privacy import scan_files

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.html").write_text("sha256('s3cret-key-s3cret-key|' || pnr)")
    (tmp_path / "log.txt").write_text(f"loaded {BO} today")
    with duckdb.connect(str(tmp_path / "serving.duckdb")) as con:
        con.execute(f"create table t as select '{ANNA}' as x")
    hits = scan_files([tmp_path], secret=b"s3cret-key-s3cret-key")
    assert len(hits) == 3
    assert any("index.html: the pseudonymisation key" in h for h in hits)
    assert any("serving.duckdb" in h and "main.t.x" in h for h in hits)


# Columns that count persons, or are computed from a group of persons, by name.
PERSON_COLUMNS = re.compile(
    r"patient|employee|headcount|persons|inhabitant|retire|left_for|asked|sick_|_sick|"
    r"percent_1_14|percent_15_59|percent_60_90|percent_91|long_term|short_term|within_target")


def test_every_bi_column_counting_persons_follows_the_small_cell_rule(dbt_manifest) -> None:
    """Each BI-facing column that counts persons (or is computed from a group of them) says
    which small-cell rule it follows (meta small_cells: patients or employees, tested by
    small_cells_suppressed), or why it is safe to show as it is (small_cells: safe, with
    small_cells_reason)."""
    manifest = dbt_manifest
    tested = {(n["attached_node"], n["column_name"]) for n in manifest["nodes"].values()
              if n["resource_type"] == "test"
              and n.get("test_metadata", {}).get("name") == "small_cells_suppressed"}
    problems, ruled = [], 0
    for uid, node in manifest["nodes"].items():
        if (node["resource_type"] != "model" or not is_served(node["schema"], node["name"])
                or node["config"]["materialized"] != "table"):
            continue
        for name, column in node["columns"].items():
            rule = column.get("meta", {}).get("small_cells")
            if rule is None:
                if PERSON_COLUMNS.search(name):
                    problems.append(f"{node['name']}.{name}: no small_cells rule")
                continue
            ruled += 1
            if rule == "safe":
                if not column["meta"].get("small_cells_reason"):
                    problems.append(f"{node['name']}.{name}: safe without a reason")
            elif rule == "money_in_ledger":  # shown in every row: the ledger shows it too
                if not column["meta"].get("small_cells_note"):
                    problems.append(f"{node['name']}.{name}: money_in_ledger without a note")
            elif (uid, name) not in tested:
                problems.append(f"{node['name']}.{name}: {rule} rule not tested")
            elif "small_cell" not in node["raw_code"]:
                problems.append(f"{node['name']}.{name}: the model does not apply small_cell")
    assert problems == [], "\n".join(problems)
    assert ruled > 20
