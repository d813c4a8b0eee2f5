"""The loader: each kind of bad file is rejected with file, line and rule; nothing else changes."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from norrlager.ingest.errors import LoadError
from norrlager.ingest.loader import load_landing
from norrlager.ingest.manifest import sha256

HEADER = "verifikation;rad;bokforingsdatum;period;konto;ansvar;verksamhet;motpart;belopp;text"
GOOD = [
    "LF2023-0000001;1;2023-{m}-03;2023-{m};6110;020101;120;EXT-LEV;1250,50;Leverantörsfaktura 1",
    "LF2023-0000001;2;2023-{m}-03;2023-{m};2410;020101;120;EXT-LEV;-1250,50;Leverantörsfaktura 1",
    "KF2023-0000001;1;2023-{m}-09;2023-{m};1510;010101;110;EXT-PAT;300,00;Kundfaktura 7",
    "KF2023-0000001;2;2023-{m}-09;2023-{m};3110;010101;110;EXT-PAT;-300,00;Kundfaktura 7",
]


def deliver(landing: Path, month: str, rows: list[str], *, encoding: str = "utf-8",
            manifest_rows: int | None = None, debit: str | None = None,
            credit: str | None = None, raw: bytes | None = None,
            delivered_at: str = "2023-{m}-28T06:00:00+00:00", folder_name: str | None = None,
            ) -> Path:
    """Write one ledger delivery the way the source system would, manifest included."""
    folder = landing / "ledger" / (folder_name or f"2023-{month}")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"ledger_lines_2023-{month}.csv"
    lines = [HEADER, *(r.format(m=month) for r in rows)]
    path.write_bytes(raw if raw is not None else ("\n".join(lines) + "\n").encode(encoding))
    fields = [r.format(m=month).split(";") for r in rows]
    amounts = [float(f[8].replace(",", ".")) for f in fields
               if len(f) == 10 and f[8].replace(",", "").lstrip("-").isdigit()]
    entry = {"file": path.name, "entity": "lines", "encoding": "utf-8",
             "rows": len(rows) if manifest_rows is None else manifest_rows,
             "sha256": sha256(path),
             "control_sums": {"debit": debit or f"{sum(a for a in amounts if a > 0):.2f}",
                              "credit": credit or f"{-sum(a for a in amounts if a < 0):.2f}"}}
    manifest = {"system": "ledger", "period": f"2023-{month}",
                "delivered_at": delivered_at.format(m=month), "files": [entry]}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return path


def raw_rows(warehouse: Path) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("select _delivery_key, verifikation, rad, belopp from raw.ledger_lines "
                           "order by all").fetchall()


def quarantine(warehouse: Path) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("select file, line, rule from audit.quarantine").fetchall()


@pytest.fixture
def loaded(tmp_path: Path) -> tuple[Path, Path, list[tuple]]:
    """A warehouse with one good month (2023-01) already loaded."""
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    deliver(landing, "01", GOOD)
    report = load_landing(warehouse, landing, progress=lambda _m: None)
    assert report.rows == 4 and not report.rejected
    return landing, warehouse, raw_rows(warehouse)


def test_identical_redelivery_is_a_no_op(loaded) -> None:
    landing, warehouse, before = loaded
    report = load_landing(warehouse, landing, progress=lambda _m: None)
    assert report.rows == 0 and len(report.unchanged) == 1
    assert raw_rows(warehouse) == before


def test_corrected_delivery_replaces_the_period_as_a_whole(loaded) -> None:
    landing, warehouse, _ = loaded
    # The corrected January holds one verification only, delivered later.
    deliver(landing, "01", GOOD[:2], delivered_at="2023-02-10T06:00:00+00:00")
    report = load_landing(warehouse, landing, progress=lambda _m: None)
    assert report.rows == 2
    rows = raw_rows(warehouse)
    assert [r[1] for r in rows] == ["LF2023-0000001", "LF2023-0000001"]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        statuses = con.execute("select status from audit.load_log order by loaded_at").fetchall()
    assert [s for (s,) in statuses] == ["superseded", "loaded"]


BAD_CASES = {
    "column count": ([*GOOD[:1], GOOD[1].rsplit(";", 1)[0]], {}, 3),
    "bad decimal": ([GOOD[0].replace("1250,50", "1250.50"),
                     GOOD[1].replace("-1250,50", "-1250.50")], {"debit": "1250.50",
                                                                 "credit": "1250.50"}, 2),
    "unknown konto": ([GOOD[0].replace(";6110;", ";6199;"), GOOD[1]], {}, 2),
    "unknown ansvar": ([GOOD[0], GOOD[1].replace(";020101;", ";999999;")], {}, 3),
    "unbalanced verification": ([GOOD[0], GOOD[1].replace("-1250,50", "-1250,00")], {}, 2),
    "manifest row count": (GOOD, {"manifest_rows": 5}, None),
    "manifest debit sum": (GOOD, {"debit": "1550.49"}, None),
    "period of delivery": ([r.replace("2023-{m}", "2023-03") for r in GOOD[:2]], {}, 2),
}


@pytest.mark.parametrize("rule", sorted(BAD_CASES))
def test_bad_file_is_rejected_and_nothing_else_changes(loaded, rule: str) -> None:
    landing, warehouse, before = loaded
    rows, manifest_kw, line = BAD_CASES[rule]
    path = deliver(landing, "02", rows, **manifest_kw)
    report = load_landing(warehouse, landing, progress=lambda _m: None)
    assert len(report.rejected) == 1
    err = report.rejected[0]
    assert err.rule == rule
    assert str(path) in str(err) and err.line == line
    if line:
        assert f"line {line}" in str(err)
    assert raw_rows(warehouse) == before  # January intact, nothing of February loaded
    assert quarantine(warehouse) == [(str(path), line, rule)]


def test_wrong_encoding_is_rejected(loaded) -> None:
    landing, warehouse, before = loaded
    text = "\n".join([HEADER, *(r.format(m="02") for r in GOOD)]) + "\n"
    path = deliver(landing, "02", GOOD, raw=text.encode("latin-1"))  # declared utf-8
    report = load_landing(warehouse, landing, progress=lambda _m: None)
    [err] = report.rejected
    assert err.rule == "encoding" and err.line == 2  # 'ö' of Leverantörsfaktura on line 2
    assert str(path) in str(err)
    assert raw_rows(warehouse) == before


def test_file_changed_after_its_manifest_is_rejected(loaded) -> None:
    landing, warehouse, before = loaded
    path = deliver(landing, "02", GOOD)
    path.write_bytes(path.read_bytes() + b"\n")  # half-written or edited after the manifest
    report = load_landing(warehouse, landing, progress=lambda _m: None)
    [err] = report.rejected
    assert err.rule == "file checksum"
    assert raw_rows(warehouse) == before


def test_load_error_names_file_line_and_rule() -> None:
    err = LoadError("landing/ledger/2023-02/x.csv", 7, "bad decimal", "found '1.5'")
    assert str(err) == "landing/ledger/2023-02/x.csv, line 7: [bad decimal] found '1.5'"


INVOICE_HEADER = ("fakturanummer;fakturarad;fakturadatum;period;leverantor;kategori;konto;ansvar;"
                  "personnummer;episod;drg;drg_vikt;belopp;text")
INVOICE_ROW = ("F202302-000001;1;2023-02-28;2023-02;HC-KRONAN;Vårdval;6710;010101;;;;;"
               "1000,00;Vårdval: kapitering")


def _invoice_delivery(landing: Path, data: bytes) -> Path:
    folder = landing / "invoices" / "2023-02"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "invoice_lines_2023-02.csv"
    path.write_bytes(data)
    entry = {"file": path.name, "entity": "lines", "encoding": "latin-1", "rows": 1,
             "sha256": sha256(path), "control_sums": {"debit": "1000.00", "credit": "0.00"}}
    (folder / "manifest.json").write_text(json.dumps(
        {"system": "invoices", "period": "2023-02", "delivered_at": "2023-03-03T06:00:00Z",
         "files": [entry]}), encoding="utf-8")
    return path


def test_latin1_extract_loads_with_its_swedish_letters(tmp_path: Path) -> None:
    text = f"{INVOICE_HEADER}\n{INVOICE_ROW}\n"
    _invoice_delivery(tmp_path / "landing", text.encode("latin-1"))
    report = load_landing(tmp_path / "wh.duckdb", tmp_path / "landing", progress=lambda _m: None)
    assert report.rows == 1 and not report.rejected
    with duckdb.connect(str(tmp_path / "wh.duckdb"), read_only=True) as con:
        assert con.execute("select kategori from raw.invoices_lines").fetchone()[0] == "Vårdval"


def test_utf8_file_declared_latin1_is_rejected(tmp_path: Path) -> None:
    text = f"{INVOICE_HEADER}\n{INVOICE_ROW}\n"
    path = _invoice_delivery(tmp_path / "landing", text.encode("utf-8"))
    report = load_landing(tmp_path / "wh.duckdb", tmp_path / "landing", progress=lambda _m: None)
    [err] = report.rejected
    assert err.rule == "encoding" and err.line == 2 and str(path) in str(err)


def test_the_load_puts_duckdbs_threads_back(tmp_path: Path) -> None:
    # The setting is the database's: another connection of the process to the same file
    # shares it, so the load's own thread count must not outlive the load.
    warehouse = tmp_path / "w.duckdb"
    deliver(tmp_path / "landing", "03", GOOD)
    with duckdb.connect(str(warehouse)) as other:
        other.execute("set threads = 3")
        report = load_landing(warehouse, tmp_path / "landing", progress=lambda _m: None,
                              demo=True, workers=2)
        assert report.rows == len(GOOD)
        assert other.execute("select current_setting('threads')").fetchall()[0][0] == 3
