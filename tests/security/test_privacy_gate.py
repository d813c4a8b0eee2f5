"""The privacy scan gates every publish: a value shaped like an identity number in a table about
to be served, or in the docs site, stops the refresh before it publishes, naming table and
column (or file), never the value."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flows.refresh import PrivacyScanFailedError, privacy_scan

PNR = "19121212-1212"


def _warehouse(tmp_path: Path, value: str, schema: str = "care_production") -> Path:
    warehouse = tmp_path / "wh" / "norrlager.duckdb"
    warehouse.parent.mkdir()
    with duckdb.connect(str(warehouse)) as con:
        con.execute(f"create schema {schema}")
        con.execute(f"create table {schema}.contacts_monthly (care_type varchar, note varchar)")
        con.execute(f"insert into {schema}.contacts_monthly values ('Primärvård', ?)", [value])
    return warehouse


def test_an_identity_number_in_a_served_table_stops_the_publish(tmp_path: Path) -> None:
    warehouse = _warehouse(tmp_path, f"Ersättning {PNR}")
    with pytest.raises(PrivacyScanFailedError) as caught:
        privacy_scan.fn(warehouse, warehouse.parent / "serving" / "norrlager.duckdb")
    assert "care_production.contacts_monthly.note: 1 values" in str(caught.value)
    assert PNR not in str(caught.value)


def test_an_identity_number_in_the_docs_site_stops_the_publish(tmp_path: Path) -> None:
    warehouse = _warehouse(tmp_path, "nothing personal")
    serving = warehouse.parent / "serving" / "norrlager.duckdb"
    (serving.parent / "docs").mkdir(parents=True)
    (serving.parent / "docs" / "index.html").write_text(f"<p>{PNR}</p>")
    with pytest.raises(PrivacyScanFailedError, match=r"index\.html: 1 values") as caught:
        privacy_scan.fn(warehouse, serving)
    assert PNR not in str(caught.value)


def test_a_clean_warehouse_passes_and_unserved_tables_are_the_loaders_job(tmp_path) -> None:
    warehouse = _warehouse(tmp_path, "nothing personal")
    privacy_scan.fn(warehouse, warehouse.parent / "serving" / "norrlager.duckdb")
