"""The dbt unit tests (the business rules: sick leave, waiting times, rounding, suppression…)
need the models' columns, not the demo's data: they run against models built empty, in
seconds, so `make test-fast` gives a contributor them without simulating or loading."""

from __future__ import annotations

from pathlib import Path

import duckdb

from norrlager.ingest.audit import ensure_schema
from norrlager.transform.build import dbt_invoke


def test_the_dbt_unit_tests_pass_on_models_built_empty(tmp_path: Path) -> None:
    warehouse = tmp_path / "empty.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        ensure_schema(con)
    target = ["--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path / "logs")]
    built = dbt_invoke(["build", "--empty", "--exclude-resource-type", "test", "unit_test",
                        *target], warehouse, progress=lambda _m: None)
    assert built.returncode == 0, built.stdout[-3000:]
    tested = dbt_invoke(["test", "--select", "test_type:unit", *target], warehouse,
                        progress=lambda _m: None)
    assert tested.returncode == 0, tested.stdout[-3000:]
    assert "PASS=" in tested.stdout and " ERROR=0 " in tested.stdout
