"""What the Spark helpers read of profiles.yml: the session's settings and the Thrift server's
address, as dbt renders them (no Spark or Java needed)."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from norrlager.transform.spark.spark import profile_target, session_config, thrift_connection


def test_the_session_opens_the_metastore_of_the_build(tmp_path: Path) -> None:
    settings = session_config({"NORRLAGER_SPARK_DIR": str(tmp_path)})
    assert settings["spark.sql.warehouse.dir"] == f"{tmp_path}/warehouse"
    assert f"databaseName={tmp_path}/metastore_db" in (
        settings["spark.hadoop.javax.jdo.option.ConnectionURL"])
    assert settings["spark.sql.session.timeZone"] == "UTC"


def test_the_thrift_target_takes_host_port_and_user_from_the_environment(
        monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HOST", "PORT", "USER"):
        monkeypatch.delenv(f"NORRLAGER_SPARK_THRIFT_{name}", raising=False)
    default = profile_target("spark_thrift", {})
    assert (default["host"], int(default["port"]), default["user"]) == (
        "127.0.0.1", 10000, "norrlager")
    calls = []
    hive = types.SimpleNamespace(connect=lambda **kw: calls.append(kw))
    monkeypatch.setitem(sys.modules, "pyhive", types.SimpleNamespace(hive=hive))
    monkeypatch.setitem(sys.modules, "pyhive.hive", hive)
    thrift_connection({"NORRLAGER_SPARK_THRIFT_HOST": "10.0.0.5",
                       "NORRLAGER_SPARK_THRIFT_PORT": "10001",
                       "NORRLAGER_SPARK_THRIFT_USER": "etl"})
    assert calls == [{"host": "10.0.0.5", "port": 10001, "username": "etl"}]
