"""The local Spark cluster: up answers through its Thrift server, down leaves no JVM behind, and
a part that fails to start is named and takes the others down with it."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import free_port

from norrlager.transform.spark.cluster import (
    Cluster,
    ClusterError,
    down,
    running_parts,
    thrift_answers,
    up,
)


def local_cluster(home: Path) -> Cluster:
    assert shutil.which("java"), "Spark needs Java 17 (.ci/run installs default-jre-headless)"
    return Cluster(home=home, master_port=free_port(fixed=True), thrift_port=free_port(fixed=True))


def jvms_of(home: Path) -> list[int]:
    """Java processes working in the cluster's folder (every part and executor does)."""
    out = subprocess.run(["ps", "-eo", "pid=,comm="], capture_output=True, text=True).stdout
    pids = []
    for line in out.splitlines():
        pid, command = line.split(maxsplit=1)
        try:
            cwd = Path(os.readlink(f"/proc/{pid}/cwd"))
        except OSError:
            continue
        if command == "java" and cwd.is_relative_to(home):
            pids.append(int(pid))
    return pids


@pytest.mark.slow
def test_up_answers_through_thrift_and_down_leaves_no_jvm(tmp_path: Path) -> None:
    cluster = local_cluster(tmp_path / "cluster")
    try:
        up(cluster, progress=lambda _m: None)
        assert set(running_parts(cluster)) == {"master", "worker-1", "worker-2", "thrift"}
        assert thrift_answers(cluster)
        # Executors run on the workers: the Thrift server's application holds both.
        assert len(jvms_of(cluster.home)) >= 6
    finally:
        down(cluster, progress=lambda _m: None)
    assert not running_parts(cluster)
    assert not jvms_of(cluster.home)
    assert not thrift_answers(cluster)


@pytest.mark.slow
def test_a_part_that_fails_to_start_is_named_and_the_rest_stopped(tmp_path: Path) -> None:
    cluster = replace(local_cluster(tmp_path / "cluster"), worker_memory="lots")
    # Both workers refuse the setting; whichever is seen to stop first is the one named.
    with pytest.raises(ClusterError, match=r"worker-\d stopped while starting") as failure:
        up(cluster, progress=lambda _m: None, timeout=120)
    named = re.search(r"(worker-\d) stopped", str(failure.value)).group(1)
    assert str(cluster.log(named)) in str(failure.value)
    assert not jvms_of(cluster.home)


@pytest.mark.slow
def test_a_taken_port_is_named_before_anything_starts(tmp_path: Path) -> None:
    cluster = local_cluster(tmp_path / "cluster")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", cluster.thrift_port))
        taken.listen()
        with pytest.raises(ClusterError, match=f"port {cluster.thrift_port}.*Thrift server"):
            up(cluster, progress=lambda _m: None)
    assert not (cluster.home / "logs").exists()


def test_ports_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NORRLAGER_SPARK_THRIFT_PORT", "10123")
    assert Cluster.from_environment(Path("x")).thrift_env()["NORRLAGER_SPARK_THRIFT_PORT"] == \
        "10123"
    monkeypatch.setenv("NORRLAGER_SPARK_MASTER_PORT", "7077; rm -rf /")
    with pytest.raises(ClusterError, match="NORRLAGER_SPARK_MASTER_PORT must be a port"):
        Cluster.from_environment(Path("x"))
