"""No path pasted into SQL (a folder named o'x is a path, not SQL), and no weak key: a
pseudonymisation key under 32 bytes or of too little variety is refused with how to make one."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from norrlager.ingest import pseudonym
from norrlager.ingest.pseudonym import PseudonymKeyError, key_problem, load_key
from norrlager.serve.deliveries import write_rs
from norrlager.sqltext import sql_string


def test_sql_string_quotes_a_quote_and_refuses_nul() -> None:
    assert sql_string("o'x/y") == "'o''x/y'"
    with pytest.raises(ValueError):
        sql_string("a\x00b")


def test_a_delivery_folder_with_a_quote_in_its_name_is_written(tmp_path: Path) -> None:
    warehouse = tmp_path / "wh.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema national_reporting")
        con.execute("""create table national_reporting.rs_income_and_costs_by_activity as
            select 2023 as fiscal_year, '110' as activity_code, 'Vård' as activity,
                   'x' as rs_line_code, 'X' as rs_line, 1.0 as amount_sek, 1 as line_order""")
        con.execute("""create table national_reporting.rs_net_cost_by_activity as
            select 2023 as fiscal_year, '110' as activity_code, 'Vård' as activity,
                   1.0 as net_cost_sek""")
        con.execute("""create table national_reporting.rs_trade_in_activity_by_counterparty as
            select 2023 as fiscal_year, '110' as activity_code, 'x' as rs_line_code,
                   'X' as rs_line, 'kommun' as counterparty_type, 1.0 as amount_sek""")
    out = tmp_path / "o'x" / "rs"
    written = write_rs(warehouse, out, progress=lambda _m: None)
    assert [p.name for p in written] == ["rakenskapssammandrag_2023.csv"]


@pytest.mark.parametrize("secret", [b"a" * 64, b"correct horse battery staple!!!!",
                                    b"0123456789abcdef" * 1, b"abababababababababababababababab",
                                    b"short"])
def test_a_weak_key_is_refused_with_how_to_make_one(secret: bytes, monkeypatch) -> None:
    assert key_problem(secret) is not None
    monkeypatch.setenv(pseudonym.KEY_ENV, secret.decode())
    with pytest.raises(PseudonymKeyError, match=r"secrets\.token_hex"):
        load_key()


def test_a_random_key_is_accepted(monkeypatch) -> None:
    import secrets

    for _ in range(200):  # token_hex(32) is what the message tells people to run
        assert key_problem(secrets.token_hex(32).encode()) is None
    assert key_problem(os.urandom(32)) is None


def test_the_key_is_taken_out_of_the_environment(monkeypatch) -> None:
    import secrets

    value = secrets.token_hex(32)
    monkeypatch.setenv(pseudonym.KEY_ENV, value)
    monkeypatch.setattr(pseudonym, "_ENV_SECRET", [])
    pseudonym.take_key_from_environment()
    assert pseudonym.KEY_ENV not in os.environ
    assert load_key().secret == value.encode()
