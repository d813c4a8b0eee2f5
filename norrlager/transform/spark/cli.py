"""`norrlager parity` and `norrlager cluster`: the project on Spark."""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
from pathlib import Path

from norrlager import config
from norrlager.console import progress as _progress
from norrlager.transform.spark.parity import SPARK_TARGETS


def _missing_spark() -> list[str]:
    return [what for what, ok in (
        ("pyspark and dbt-spark (pip install -e '.[spark]', or make test)",
         importlib.util.find_spec("pyspark") and importlib.util.find_spec("dbt.adapters.spark")),
        ("Java 17 (apt-get install default-jre-headless)", shutil.which("java"))) if not ok]


def cmd_parity(args: argparse.Namespace) -> int:
    from norrlager.transform.spark.cluster import Cluster, thrift_answers
    from norrlager.transform.spark.parity import run_parity

    if missing := _missing_spark():
        print("norrlager parity needs " + " and ".join(missing), file=sys.stderr)
        return 1
    if not args.warehouse.exists():
        print(f"norrlager parity: no warehouse at {args.warehouse} (make run builds the demo)",
              file=sys.stderr)
        return 1
    thrift_env = None
    if args.target == SPARK_TARGETS[1]:
        cluster = Cluster.from_environment()
        if not thrift_answers(cluster):
            print(f"norrlager parity: no Thrift server answers on 127.0.0.1:"
                  f"{cluster.thrift_port} (norrlager cluster up starts one)", file=sys.stderr)
            return 1
        thrift_env = cluster.thrift_env()
    result = run_parity(args.warehouse, args.work, progress=_progress, thrift_env=thrift_env)
    for build in result.builds:
        for failure in build.failures[:20]:
            print(f"  {build.engine}: {failure}", file=sys.stderr)
    for difference in result.differences:
        print(f"  differs: {difference}", file=sys.stderr)
    times = ", ".join(f"{b.engine} {b.seconds:.0f} s" for b in result.builds)
    _progress(f"parity {'OK' if result.ok else 'FAILED'}: {result.compared} relations compared, "
              f"{len(result.differences)} differ; dbt build {times}")
    return 0 if result.ok else 1


def cmd_cluster(args: argparse.Namespace) -> int:
    from norrlager.transform.spark.cluster import Cluster, ClusterError, down, running_parts, up

    if args.action == "up" and (missing := _missing_spark()):
        print("norrlager cluster needs " + " and ".join(missing), file=sys.stderr)
        return 1
    try:
        cluster = Cluster.from_environment(args.dir)
        if args.action == "up":
            up(cluster, progress=_progress, timeout=args.timeout)
        elif args.action == "down":
            down(cluster, progress=_progress)
        else:
            running = running_parts(cluster)
            _progress(f"spark cluster in {cluster.home}: "
                      + (", ".join(f"{p} (pid {pid})" for p, pid in running.items())
                         or "not running"))
            return 0 if running else 3
    except ClusterError as e:
        print(f"norrlager: {e}", file=sys.stderr)
        return 2
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser(
        "parity", help="build a sample of the warehouse on DuckDB and on Spark and compare "
                       "every model and seed row by row; exits 1 on any difference",
        description="Cuts three months (December of the year before the report year, November "
                    "and December of the report year) of every "
                    "raw table of --warehouse, plus the small registers, as Parquet; builds them "
                    "with dbt on DuckDB and on Spark (needs Java 17 and the spark extra: pip "
                    "install -e '.[spark]'); then compares every relation, decimals at their "
                    "scale and doubles to 6 decimals, and names the first differing row.")
    s.add_argument("--work", type=Path, default=config.PROJECT_DIR / "target" / "parity",
                   help="folder for the sample, both builds and Spark's metastore "
                        "(emptied first; default %(default)s)")
    s.add_argument("--target", choices=SPARK_TARGETS, default=SPARK_TARGETS[0],
                   help="spark: Spark inside the dbt process (local[2], the quick path); "
                        "spark_thrift: the cluster `norrlager cluster up` started, through its "
                        "Thrift server (default %(default)s)")
    s.set_defaults(func=cmd_parity)
    s = sub.add_parser(
        "cluster", help="start or stop a Spark cluster on this machine (master, two workers, "
                        "Thrift server) for target spark_thrift",
        description="up: starts a standalone master, two workers and a Thrift server "
                    "(HiveThriftServer2, Derby metastore) by class from pyspark's "
                    "distribution, all on 127.0.0.1, and waits until the Thrift server runs a "
                    "query; a part that fails is named with the end of its log. down: stops "
                    "every part and its executors. status: lists the running parts (exit 3 "
                    "when none). Ports: NORRLAGER_SPARK_MASTER_PORT (7077), "
                    "NORRLAGER_SPARK_THRIFT_PORT (10000).")
    s.add_argument("action", choices=("up", "down", "status"))
    s.add_argument("--dir", type=Path, default=None,
                   help="the cluster's folder: logs, pids, metastore, tables (default "
                        "NORRLAGER_SPARK_CLUSTER_DIR or target/spark-cluster)")
    s.add_argument("--timeout", type=float, default=240.0,
                   help="seconds to wait for each part (default %(default)s)")
    s.set_defaults(func=cmd_cluster)
