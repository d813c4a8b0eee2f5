"""The same models on DuckDB and Spark: a sample of the demo built on both, every relation equal.

Spark here is a cluster, as production runs it: a standalone master, two workers and a Thrift
server on this machine (`norrlager cluster up`), reached through target spark_thrift. Session
mode (`norrlager parity`, Spark in the dbt process) is the quick path by hand; CI checks the
cluster, the way a region's platform is reached. Slow (a Spark build of every seed, model, data
test and unit test, about 6 minutes): it runs in `make test`, not in `make test-fast`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import free_port

from norrlager.transform.spark.cluster import Cluster, down, up
from norrlager.transform.spark.parity import ParityResult, compare, relations_of, run_parity


@pytest.fixture(scope="module")
def parity(demo, tmp_path_factory: pytest.TempPathFactory) -> tuple[ParityResult, Path]:
    assert shutil.which("java"), "Spark needs Java 17 (.ci/run installs default-jre-headless)"
    work = tmp_path_factory.mktemp("parity")
    cluster = Cluster(home=tmp_path_factory.mktemp("cluster"), master_port=free_port(fixed=True),
                      thrift_port=free_port(fixed=True))
    up(cluster, progress=lambda _m: None)
    try:
        result = run_parity(demo.warehouse, work, progress=lambda _m: None,
                            thrift_env=cluster.thrift_env())
    finally:
        down(cluster, progress=lambda _m: None)
    return result, work


def test_spark_build_passes_every_seed_model_data_test_and_unit_test(parity) -> None:
    result, _ = parity
    spark = next(b for b in result.builds if b.engine == "spark")
    assert spark.success, "\n".join(spark.failures)
    assert not [k for k in spark.counts if k.split(":")[1] not in {"success", "pass", "no-op"}]
    for kind in ("seed", "model", "test", "unit_test"):
        assert spark.counts.get(f"{kind}:success", 0) + spark.counts.get(f"{kind}:pass", 0) > 0


def test_every_relation_is_identical_on_both_engines(parity) -> None:
    result, work = parity
    assert all(b.success for b in result.builds), [b.failures for b in result.builds]
    expected = relations_of(work / "target-duckdb" / "manifest.json")
    assert result.compared == len(expected) > 90
    assert not result.differences, "\n".join(map(str, result.differences))


# Fed by Kolada (fetched on demand, never by the demo): empty on both engines; their logic is
# held by the dbt unit test that runs on Spark too.
ON_DEMAND = {"stg_kolada__values", "net_cost_per_inhabitant_vs_peers"}


def test_every_model_has_rows_in_the_sample(parity) -> None:
    _, work = parity
    relations = relations_of(work / "target-duckdb" / "manifest.json")
    assert set(relations) >= ON_DEMAND
    with duckdb.connect(str(work / "duckdb.duckdb"), read_only=True) as con:
        empty = [name for name, rel in relations.items() if name not in ON_DEMAND
                 and con.execute(f"select count(*) from {rel}").fetchone()[0] == 0]
    assert not empty


def test_a_model_that_differs_on_one_engine_is_named(parity, tmp_path: Path) -> None:
    """Spark's figures rounded to whole numbers (as a wrong rounding macro would give): the
    comparison fails and names the model and a row."""
    _, work = parity
    relations = relations_of(work / "target-duckdb" / "manifest.json")
    exported = {name: work / "spark-export" / name for name in relations}
    doctored = tmp_path / "figures"
    doctored.mkdir()
    duckdb.execute(f"copy (select * replace (round(value) as value) from "
                   f"read_parquet('{exported['figures']}/*.parquet')) "
                   f"to '{doctored / 'part-0.parquet'}' (format parquet)")
    differences = compare(work / "duckdb.duckdb", relations, {**exported, "figures": doctored})
    assert [d.relation for d in differences] == ["figures"]
    assert "row(s) only on" in differences[0].problem and "value=" in differences[0].problem
