"""Apache Spark as a second engine for the same dbt project (target `spark` in profiles.yml).

dbt-spark's session mode runs Spark inside the dbt process (`local[2]`), with a Hive metastore
(Derby) and the tables under NORRLAGER_SPARK_DIR, so a later process sees what a build made.
The raw tables reach Spark as Parquet, one folder per source table (NORRLAGER_RAW_PARQUET): the
project's on-run-start hook registers them (macro register_raw_sources). On a cluster the same
models run through dbt-spark's thrift method or dbt-databricks; see docs/spark.md.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import jinja2
import yaml

from norrlager.config import PROJECT_DIR


def spark_env(spark_dir: Path, raw_parquet: Path) -> dict[str, str]:
    """The environment of a dbt run against target spark."""
    return {"NORRLAGER_SPARK_DIR": str(spark_dir.resolve()),
            "NORRLAGER_RAW_PARQUET": str(raw_parquet.resolve())}


def profile_target(name: str, env: dict[str, str]) -> dict:
    """Target `name` of profiles.yml as dbt renders it, with `env` over this process's
    environment (dbt's env_var and as_number; nothing else of dbt's Jinja is used there)."""
    text = (PROJECT_DIR / "profiles.yml").read_text(encoding="utf-8")
    merged = {**os.environ, **env}
    jinja = jinja2.Environment(undefined=jinja2.StrictUndefined)
    jinja.filters["as_number"] = lambda value: yaml.safe_load(str(value))
    rendered = jinja.from_string(text).render(
        env_var=lambda name, default=None: merged.get(name, default))
    return yaml.safe_load(rendered)["norrlager"]["outputs"][name]


def session_config(env: dict[str, str]) -> dict[str, str]:
    """The Spark settings of the spark target, rendered with `env`: a reader of the tables a
    build made must open the same metastore and warehouse folder."""
    target = profile_target("spark", env)
    return {k: str(v) for k, v in target.get("server_side_parameters", {}).items()}


def spark_session(env: dict[str, str]):
    """A Spark session on the metastore of a build (the dbt process must have ended: the
    embedded Derby metastore admits one process at a time)."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.enableHiveSupport()
    for key, value in session_config(env).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def export_relations(env: dict[str, str], relations: dict[str, str], out_dir: Path,
                     progress: Callable[[str], None] = print) -> dict[str, Path]:
    """Write each Spark relation (name -> `schema.table`, views included) as Parquet under
    out_dir/<name>, for comparing with another engine."""
    spark = spark_session(env)
    written: dict[str, Path] = {}
    try:
        for name, relation in sorted(relations.items()):
            target = out_dir / name
            spark.table(relation).write.mode("overwrite").parquet(str(target))
            written[name] = target
        progress(f"spark: {len(written)} relations exported as Parquet -> {out_dir}")
    finally:
        spark.stop()
    return written


def thrift_connection(env: dict[str, str]):
    """A PyHive connection to the Thrift server of target spark_thrift: its host, port and user
    as profiles.yml gives them with `env`, the connection dbt makes."""
    from pyhive import hive

    target = profile_target("spark_thrift", env)
    return hive.connect(host=target["host"], port=int(target["port"]), username=target["user"])


def export_through_thrift(env: dict[str, str], relations: dict[str, str], out_dir: Path,
                          progress: Callable[[str], None] = print) -> dict[str, Path]:
    """As export_relations, through a cluster's Thrift server (its metastore is the server's
    own): the executors write each relation's Parquet, so `out_dir` must be a path they share
    with this machine (the local cluster's workers do)."""
    from norrlager.sqltext import sql_string

    written: dict[str, Path] = {}
    with thrift_connection(env) as con:
        cursor = con.cursor()
        for name, relation in sorted(relations.items()):
            target = (out_dir / name).resolve()
            cursor.execute(f"insert overwrite directory {sql_string(target.as_uri())} "
                           f"using parquet select * from {relation}")
            written[name] = target
    progress(f"spark: {len(written)} relations exported as Parquet through the Thrift server "
             f"-> {out_dir}")
    return written
