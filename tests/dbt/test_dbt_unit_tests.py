"""The dbt unit tests (the business rules: sick leave, waiting times, rounding, suppression…)
need the models' columns, not the demo's data: they run against models built empty, in
seconds, so `make test-fast` gives a contributor them without simulating or loading."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from norrlager.ingest.audit import ensure_schema
from norrlager.transform.build import dbt_invoke


def test_the_dbt_unit_tests_pass_on_models_built_empty(tmp_path: Path) -> None:
    warehouse = tmp_path / "empty.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        ensure_schema(con)
    # One build: each model's unit tests run before it is built empty (--empty empties what
    # a model reads, never a unit test's given rows; a second dbt process cost ~15 s more).
    built = dbt_invoke(["build", "--empty", "--exclude-resource-type", "test",
                        "--target-path", str(tmp_path / "target"),
                        "--log-path", str(tmp_path / "logs")], warehouse, progress=lambda _m: None)
    assert built.returncode == 0, built.stdout[-3000:]
    unit_tests = [r for r in json.loads((tmp_path / "target" / "run_results.json").read_text(
        encoding="utf-8"))["results"] if r["unique_id"].startswith("unit_test.")]
    assert len(unit_tests) >= 39 and all(r["status"] == "pass" for r in unit_tests)
