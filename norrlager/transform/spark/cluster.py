"""A Spark cluster on this machine, started part by part as a real one is: a standalone master,
workers and a Thrift server (HiveThriftServer2) that dbt reaches through target `spark_thrift`.

pyspark's distribution carries the classes but no start scripts, so each part is started by
class (`spark-class` / `spark-submit` from pyspark's bin), in a session of its own, with its
log and pid under the cluster's folder. Everything binds to 127.0.0.1. The Thrift server keeps
the Hive metastore (embedded Derby: one process at a time, which is the Thrift server) and the
tables' warehouse folder under the cluster's folder; the raw Parquet is read from a local path,
which every worker on this machine sees (on a real cluster it is shared storage: see docs/spark.md).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from norrlager import config

HOST = "127.0.0.1"
THRIFT_SERVER = "org.apache.spark.sql.hive.thriftserver.HiveThriftServer2"


class ClusterError(RuntimeError):
    """A part of the cluster did not start or stop; the message names it and why."""


def _port(env: str, default: int) -> int:
    value = os.environ.get(env, str(default))
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise ClusterError(f"{env} must be a port number (1–65535), not {value!r}")
    return int(value)


@dataclass(frozen=True)
class Cluster:
    """Where the cluster keeps its state and which ports it takes (each from the environment:
    NORRLAGER_SPARK_CLUSTER_DIR, NORRLAGER_SPARK_MASTER_PORT, NORRLAGER_SPARK_THRIFT_PORT)."""

    home: Path
    master_port: int = 7077
    thrift_port: int = 10000
    workers: int = 2
    worker_cores: int = 1
    worker_memory: str = "2g"

    @classmethod
    def from_environment(cls, home: Path | None = None) -> Cluster:
        default = config.PROJECT_DIR / "target" / "spark-cluster"
        return cls(home=(home or Path(os.environ.get("NORRLAGER_SPARK_CLUSTER_DIR", default))
                         ).resolve(),
                   master_port=_port("NORRLAGER_SPARK_MASTER_PORT", 7077),
                   thrift_port=_port("NORRLAGER_SPARK_THRIFT_PORT", 10000))

    @property
    def master_url(self) -> str:
        return f"spark://{HOST}:{self.master_port}"

    @property
    def pid_file(self) -> Path:
        return self.home / "pids.json"

    def log(self, part: str) -> Path:
        return self.home / "logs" / f"{part}.log"

    def thrift_env(self) -> dict[str, str]:
        """The environment of a dbt run against target spark_thrift on this cluster."""
        return {"NORRLAGER_SPARK_THRIFT_HOST": HOST,
                "NORRLAGER_SPARK_THRIFT_PORT": str(self.thrift_port)}


def _spark_home() -> Path:
    """pyspark's distribution: its bin/ and jars/ are a Spark installation."""
    import pyspark

    return Path(pyspark.__file__).parent


def _spark_bin(program: str) -> Path:
    return _spark_home() / "bin" / program


def _commands(cluster: Cluster) -> dict[str, list[str]]:
    """Each part's command line, by part name, in the order they start."""
    home = cluster.home
    parts = {"master": [str(_spark_bin("spark-class")), "org.apache.spark.deploy.master.Master",
                        "--host", HOST, "--port", str(cluster.master_port),
                        "--webui-port", "0"]}
    for n in range(1, cluster.workers + 1):
        parts[f"worker-{n}"] = [
            str(_spark_bin("spark-class")), "org.apache.spark.deploy.worker.Worker",
            cluster.master_url, "--host", HOST, "--webui-port", "0",
            "--cores", str(cluster.worker_cores), "--memory", cluster.worker_memory,
            "--work-dir", str(home / "work" / f"worker-{n}")]
    settings = {
        "spark.ui.enabled": "false",
        "spark.driver.memory": "2g",
        "spark.executor.memory": "1536m",
        "spark.executor.cores": str(cluster.worker_cores),
        "spark.cores.max": str(cluster.workers * cluster.worker_cores),
        # A test cluster's queries read thousands of rows: compiling each query's code (Janino,
        # in the Thrift server's JVM, on the same cores) costs more than it saves. Interpreted,
        # the parity's Spark build took 315 s instead of 381 s (docs/spark.md); a cluster with
        # real volumes keeps Spark's defaults.
        "spark.sql.shuffle.partitions": "2",
        "spark.sql.codegen.wholeStage": "false",
        "spark.sql.codegen.factoryMode": "NO_CODEGEN",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.legacy.createHiveTableByDefault": "false",
        "spark.sql.warehouse.dir": str(home / "warehouse"),
        "spark.hadoop.javax.jdo.option.ConnectionURL":
            f"jdbc:derby:;databaseName={home / 'metastore_db'};create=true",
        "spark.driver.extraJavaOptions": f"-Dderby.system.home={home}",
    }
    parts["thrift"] = [
        str(_spark_bin("spark-submit")), "--class", THRIFT_SERVER,
        "--master", cluster.master_url, "--name", "norrlager-thrift",
        *[arg for key, value in settings.items() for arg in ("--conf", f"{key}={value}")],
        "--hiveconf", f"hive.server2.thrift.bind.host={HOST}",
        "--hiveconf", f"hive.server2.thrift.port={cluster.thrift_port}",
        "spark-internal"]
    return parts


def _started(pid: int) -> str | None:
    """When the process started (clock ticks since boot), or None when there is none: with the
    pid it names the process, so a pid reused after a reboot is never taken for a part."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return None if fields[0] == "Z" else fields[19]


def _alive(pid: int, started: str | None = None) -> bool:
    # A child of this process that has exited stays a zombie until it is reaped.
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
    now = _started(pid)
    return now is not None and (started is None or now == started)


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(1.0)
        return s.connect_ex((HOST, port)) == 0


def _log_tail(path: Path, lines: int = 8) -> str:
    """The end of a part's log, led by its errors' root causes (a JVM logs its shutdown after
    the error that caused it)."""
    if not path.exists():
        return "(no log)"
    text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    causes = list(dict.fromkeys(line.strip() for line in text
                                if line.startswith("Caused by:") or " ERROR " in line))
    return "\n".join("    " + line for line in [*causes[-4:], "...", *text[-lines:]])


def _recorded(cluster: Cluster) -> dict[str, tuple[int, str | None]]:
    if not cluster.pid_file.exists():
        return {}
    return {part: (pid, started) for part, (pid, started)
            in json.loads(cluster.pid_file.read_text(encoding="utf-8")).items()}


def running_parts(cluster: Cluster) -> dict[str, int]:
    """Part name -> pid of the parts `up` started that are still running."""
    return {part: pid for part, (pid, started) in _recorded(cluster).items()
            if _alive(pid, started)}


def _start(cluster: Cluster, part: str, command: list[str]) -> tuple[int, str | None]:
    log = cluster.log(part)
    env = {**os.environ, "SPARK_LOCAL_IP": HOST, "SPARK_HOME": str(_spark_home()),
           "SPARK_LOG_DIR": str(cluster.home / "logs"), "SPARK_NO_DAEMONIZE": "1"}
    env.pop("PYSPARK_SUBMIT_ARGS", None)
    with open(log, "ab") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, cwd=cluster.home, env=env,
                                start_new_session=True)
    return proc.pid, _started(proc.pid)


def _wait(cluster: Cluster, pids: dict[str, tuple[int, str | None]], part: str,
          ready: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        for name, (pid, started) in pids.items():
            if not _alive(pid, started):
                raise ClusterError(f"spark cluster: {name} stopped while starting; the end of "
                                   f"its log {cluster.log(name)}:\n{_log_tail(cluster.log(name))}")
        if time.monotonic() > deadline:
            raise ClusterError(f"spark cluster: {part} did not answer within {timeout:.0f} s; "
                               f"the end of its log {cluster.log(part)}:\n"
                               f"{_log_tail(cluster.log(part))}")
        time.sleep(1.0)


def thrift_answers(cluster: Cluster) -> bool:
    """The Thrift server accepts a session and runs a query."""
    if not _port_open(cluster.thrift_port):
        return False
    from norrlager.transform.spark.spark import thrift_connection

    try:
        with thrift_connection(cluster.thrift_env()) as con:
            cursor = con.cursor()
            cursor.execute("select 1")
            return cursor.fetchall() == [(1,)]
    except Exception:  # not ready yet: any failure to answer
        return False


def _workers_registered(cluster: Cluster) -> bool:
    log = cluster.log("master")
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return text.count("Registering worker") >= cluster.workers


def up(cluster: Cluster, progress: Callable[[str], None] = print,
       timeout: float = 240.0) -> None:
    """Start the master, the workers and the Thrift server; return when the Thrift server runs
    a query. A part that fails to start stops the others and is named, with its log's end."""
    if running := running_parts(cluster):
        raise ClusterError(f"spark cluster: already running in {cluster.home} "
                           f"({', '.join(running)}); `norrlager cluster down` first")
    for port, what in ((cluster.master_port, "master"), (cluster.thrift_port, "Thrift server")):
        if _port_open(port):
            raise ClusterError(f"spark cluster: port {port} on {HOST} (the {what}'s) is taken "
                               f"by another program; choose another with "
                               f"NORRLAGER_SPARK_{'MASTER' if what == 'master' else 'THRIFT'}_PORT")
    (cluster.home / "logs").mkdir(parents=True, exist_ok=True)
    for name in ("master", *[f"worker-{n}" for n in range(1, cluster.workers + 1)], "thrift"):
        cluster.log(name).unlink(missing_ok=True)
    pids: dict[str, tuple[int, str | None]] = {}
    t0 = time.monotonic()
    try:
        for part, command in _commands(cluster).items():
            pids[part] = _start(cluster, part, command)
            cluster.pid_file.write_text(json.dumps(pids), encoding="utf-8")
            if part == "master":
                _wait(cluster, pids, part, lambda: _port_open(cluster.master_port), timeout)
            elif part == f"worker-{cluster.workers}":
                _wait(cluster, pids, "workers", lambda: _workers_registered(cluster), timeout)
            progress(f"spark cluster: {part} started (pid {pids[part][0]})")
        _wait(cluster, pids, "thrift", lambda: thrift_answers(cluster), timeout)
    except BaseException:
        _stop(cluster, pids, progress)
        raise
    progress(f"spark cluster: up in {time.monotonic() - t0:.0f} s; master {cluster.master_url}, "
             f"Thrift server {HOST}:{cluster.thrift_port} (target spark_thrift)")


def _stop(cluster: Cluster, pids: dict[str, tuple[int, str | None]],
          progress: Callable[[str], None], grace: float = 30.0) -> None:
    # The Thrift server first (it holds executors on the workers), the master last.
    for part in sorted(pids, key=lambda p: {"thrift": 0, "master": 2}.get(p, 1)):
        pid, started = pids[part]
        if not _alive(pid, started):
            continue
        for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 10.0)):
            try:
                os.killpg(pid, sig)
            except ProcessLookupError:
                break
            deadline = time.monotonic() + wait
            while _alive(pid, started) and time.monotonic() < deadline:
                time.sleep(0.2)
            if not _alive(pid, started):
                break
        progress(f"spark cluster: {part} stopped")
    if left := [part for part, (pid, started) in pids.items() if _alive(pid, started)]:
        raise ClusterError(f"spark cluster: {', '.join(left)} still running after SIGKILL")
    cluster.pid_file.unlink(missing_ok=True)


def down(cluster: Cluster, progress: Callable[[str], None] = print) -> None:
    """Stop every part `up` started (their whole process groups: executors included)."""
    if not cluster.pid_file.exists():
        progress(f"spark cluster: nothing running in {cluster.home}")
        return
    _stop(cluster, _recorded(cluster), progress)
