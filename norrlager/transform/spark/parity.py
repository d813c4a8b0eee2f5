"""Engine parity: build the same sample on DuckDB and on Spark and compare every model.

Both engines read the same Parquet sample (norrlager.transform.spark.sample). After both
builds, Spark's relations are exported as Parquet and compared in DuckDB with the DuckDB build,
relation by relation and row by row (as multisets: EXCEPT ALL both ways). Values are compared at the
precision the project declares: decimals at their scale, doubles to 6 decimals (the finest any
figure is shown at), everything else as text. The first differing row is reported with the
relation's name.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from norrlager.sqltext import sql_string
from norrlager.transform.build import BuildResult, dbt_invoke, read_run_results
from norrlager.transform.spark.sample import cut_sample, duckdb_from_parquet
from norrlager.transform.spark.spark import export_relations, export_through_thrift, spark_env

# The Spark targets of profiles.yml: Spark in the dbt process, or a cluster's Thrift server.
SPARK_TARGETS = ("spark", "spark_thrift")

DOUBLE_DECIMALS = 6


@dataclass
class Difference:
    relation: str
    problem: str

    def __str__(self) -> str:
        return f"{self.relation}: {self.problem}"


class EngineBuild(BuildResult):
    """A build's result (counts per kind and status, failures) on one engine."""

    def __init__(self, engine: str, success: bool, seconds: float) -> None:
        super().__init__(success, seconds)
        self.engine = engine


@dataclass
class ParityResult:
    builds: list[EngineBuild]
    compared: int = 0
    differences: list[Difference] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(b.success for b in self.builds) and not self.differences


def relations_of(manifest_path: Path) -> dict[str, str]:
    """Model and seed name -> `schema.table` of one target's build (from its manifest)."""
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    return {node["name"]: f"{node['schema']}.{node['alias']}"
            for node in manifest["nodes"].values()
            if node["resource_type"] in {"model", "seed"}
            and node["config"].get("materialized") != "ephemeral"}


def _normalised(column: str, duck_type: str) -> str:
    quoted = '"' + column.replace('"', '""') + '"'
    kind = duck_type.upper()
    if kind.startswith("DECIMAL"):
        scale = int(kind.split(",")[1].rstrip(")").strip())
        return f"cast({quoted} as decimal(38, {scale})) as {quoted}"
    if kind in {"DOUBLE", "FLOAT", "REAL"}:
        rounded = f"round(cast({quoted} as double), {DOUBLE_DECIMALS})"
        # -0.0 and 0.0 are the same figure.
        return f"case when {rounded} = 0 then 0.0 else {rounded} end as {quoted}"
    if kind in {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT"}:
        return f"cast({quoted} as hugeint) as {quoted}"
    return f"cast({quoted} as varchar) as {quoted}"


def compare_relation(con: duckdb.DuckDBPyConnection, name: str, duck_relation: str,
                     spark_parquet: Path) -> Difference | None:
    """None when the DuckDB relation and Spark's export hold the same rows."""
    duck_cols = con.execute(f"select * from {duck_relation} limit 0").description
    files = sql_string(f"{spark_parquet}/*.parquet")
    spark_cols = con.execute(f"select * from read_parquet({files}) limit 0").description
    duck_names = [c[0].lower() for c in duck_cols]
    spark_names = {c[0].lower() for c in spark_cols}
    if set(duck_names) != spark_names:
        only_duck = sorted(set(duck_names) - spark_names)
        only_spark = sorted(spark_names - set(duck_names))
        return Difference(name, f"columns differ: only DuckDB {only_duck}, only Spark {only_spark}")
    types = dict(con.execute(
        f"select column_name, column_type from (describe {duck_relation})").fetchall())
    select = ", ".join(_normalised(c, types[c]) for c in duck_names)
    duck = f"select {select} from {duck_relation}"
    spark = f"select {select} from read_parquet({files})"
    for only, first, second in (("DuckDB", duck, spark), ("Spark", spark, duck)):
        row = con.execute(f"select * from ({first} except all {second}) order by all limit 1"
                          ).fetchone()
        if row is not None:
            n = con.execute(f"select count(*) from ({first} except all {second})").fetchone()[0]
            shown = ", ".join(f"{c}={v!r}" for c, v in zip(duck_names, row, strict=True))
            return Difference(name, f"{n} row(s) only on {only}; first: {shown}")
    return None


def compare(duck_warehouse: Path, duck_relations: dict[str, str], spark_export: dict[str, Path]
            ) -> list[Difference]:
    differences = []
    with duckdb.connect(str(duck_warehouse), read_only=True) as con:
        for name in sorted(duck_relations):
            if name not in spark_export:
                differences.append(Difference(name, "not built on Spark"))
                continue
            diff = compare_relation(con, name, duck_relations[name], spark_export[name])
            if diff is not None:
                differences.append(diff)
    return differences


def _build(engine: str, args: list[str], warehouse: Path, target_path: Path,
           env: dict[str, str] | None, progress: Callable[[str], None]) -> EngineBuild:
    t0 = time.perf_counter()
    proc = dbt_invoke(["build", *args, "--target-path", str(target_path),
                       "--log-path", str(target_path / "logs")],
                      warehouse, progress, extra_env=env)
    build = EngineBuild(engine, proc.returncode == 0, time.perf_counter() - t0)
    read_run_results(build, target_path=target_path)
    if not build.success and not build.failures:
        build.failures.append(proc.stdout[-2000:])
    progress(f"{engine}: dbt build {'passed' if build.success else 'FAILED'} "
             f"in {build.seconds:.0f} s")
    return build


def run_parity(source_warehouse: Path, work_dir: Path,
               progress: Callable[[str], None] = print,
               thrift_env: dict[str, str] | None = None) -> ParityResult:
    """Cut a sample of `source_warehouse`, build it on DuckDB and on Spark (session mode, or
    with `thrift_env` naming its host and port a running cluster's Thrift server: target
    spark_thrift), compare every relation."""
    target = SPARK_TARGETS[1] if thrift_env else SPARK_TARGETS[0]
    if work_dir.exists():
        shutil.rmtree(work_dir)
    work_dir.mkdir(parents=True)
    raw = work_dir / "raw"
    cut_sample(source_warehouse, raw, progress=progress)
    duck_warehouse = work_dir / "duckdb.duckdb"
    duckdb_from_parquet(raw, duck_warehouse)
    env = spark_env(work_dir / "spark", raw) | (thrift_env or {})
    builds = [
        _build("duckdb", [], duck_warehouse, work_dir / "target-duckdb", None, progress),
        _build("spark", ["--target", target], duck_warehouse, work_dir / "target-spark", env,
               progress),
    ]
    result = ParityResult(builds)
    if not all(b.success for b in builds):
        return result
    duck_relations = relations_of(work_dir / "target-duckdb" / "manifest.json")
    spark_relations = relations_of(work_dir / "target-spark" / "manifest.json")
    if thrift_env:
        exported = export_through_thrift(env, spark_relations, work_dir / "spark-export",
                                         progress)
    else:
        exported = export_relations(env, spark_relations, work_dir / "spark-export", progress)
    result.compared = len(duck_relations)
    result.differences = compare(duck_warehouse, duck_relations, exported)
    progress(f"parity: {result.compared} relations compared, "
             f"{len(result.differences)} differ")
    return result
