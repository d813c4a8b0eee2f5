"""The boundary holds: no delivery crashes the load, hides data, doubles it or half-applies it.
Each test is one way a realistic bad delivery broke the loader before (issue: the boundary)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from boundary_helpers import (
    LEDGER_HEADER,
    csv_bytes,
    deliver,
    ledger_rows,
    load,
    loaded_january,
    query,
    rows,
)

from norrlager.ingest.completeness import missing_deliveries
from norrlager.ingest.errors import WarehouseBusyError
from norrlager.ingest.lock import warehouse_lock
from norrlager.ingest.make_manifest import make_manifest
from norrlager.simulate.persons import personnummer

JAN, FEB = "2023-01", "2023-02"


@pytest.fixture
def wh(tmp_path: Path) -> tuple[Path, Path]:
    """A warehouse holding one good January."""
    return loaded_january(tmp_path)


def _rejected_once(warehouse: Path, landing: Path, rule: str, before: list) -> str:
    """Load; exactly one rejection with this rule, a quarantine row, raw unchanged."""
    report = load(warehouse, landing)
    assert [e.rule for e in report.rejected] == [rule], report.rejected
    assert rows(warehouse) == before
    assert query(warehouse, "select count(*) from audit.quarantine where rule = ?",
                 [rule]) == [(1,)]
    return str(report.rejected[0])


@pytest.mark.parametrize(("value", "rule"), [("3000000000", "bad integer"),
                                             ("123456789012", "bad integer")])
def test_an_integer_too_large_for_its_column_is_a_finding(wh, value: str, rule: str) -> None:
    landing, warehouse = wh
    bad = [r.replace(";1;", f";{value};", 1) if i == 0 else r
           for i, r in enumerate(ledger_rows(FEB))]
    deliver(landing, "ledger", FEB, {"lines.csv": ("lines", csv_bytes(LEDGER_HEADER, bad))})
    message = _rejected_once(warehouse, landing, rule, rows(warehouse))
    assert "line 2" in message and "'rad'" in message


@pytest.mark.parametrize(("amount", "rule"), [("12345678901234567,00", "bad decimal"),
                                              ("20000000000,00", "implausible amount")])
def test_an_amount_too_large_is_a_finding(wh, amount: str, rule: str) -> None:
    landing, warehouse = wh
    bad = [r.replace("101,50", amount) for r in ledger_rows(FEB, n=1)]
    deliver(landing, "ledger", FEB, {"lines.csv": ("lines", csv_bytes(LEDGER_HEADER, bad))})
    assert "line 2" in _rejected_once(warehouse, landing, rule, rows(warehouse))


def test_a_larger_region_has_a_larger_amount_ceiling(wh, monkeypatch) -> None:
    landing, warehouse = wh
    monkeypatch.setenv("NORRLAGER_REGION_SIZE", "40")  # Sweden: 40 times Norrbotten
    lines = [r.replace("101,50", "20000000000,00") for r in ledger_rows(FEB, n=1)]
    deliver(landing, "ledger", FEB, {"lines.csv": ("lines", csv_bytes(LEDGER_HEADER, lines))})
    report = load(warehouse, landing)
    assert not report.rejected and report.rows == 2


def test_a_later_load_into_a_scaled_demo_checks_against_its_size(tmp_path: Path,
                                                                  monkeypatch) -> None:
    from norrlager import cli
    from norrlager.orchestrate.pipeline import demo_stamp

    monkeypatch.delenv("NORRLAGER_REGION_SIZE", raising=False)  # restored after the test
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    demo_stamp(warehouse).write_text('{"seed": 2023, "scale": 40.0}', encoding="utf-8")
    lines = [r.replace("101,50", "20000000000,00") for r in ledger_rows(FEB, n=1)]
    deliver(landing, "ledger", FEB, {"lines.csv": ("lines", csv_bytes(LEDGER_HEADER, lines))})
    assert cli.main(["--warehouse", str(warehouse), "--landing", str(landing), "load",
                     "--demo"]) == 0
    assert len(rows(warehouse)) == 2


def _invoice_file(text: str, category: str = "Vårdval") -> bytes:
    header = ("fakturanummer;fakturarad;fakturadatum;period;leverantor;kategori;konto;ansvar;"
              "personnummer;episod;drg;drg_vikt;belopp;text")
    row = (f"F202302-000001;1;2023-02-28;2023-02;HC-KRONAN;{category};6710;010101;;;;;"
           f"1000,00;{text}")
    return f"{header}\n{row}\n".encode("cp1252")  # as a Windows program writes it


def test_windows_1252_bytes_in_a_latin1_file_are_named(tmp_path: Path) -> None:
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    deliver(landing, "invoices", FEB, {"inv.csv": ("lines", _invoice_file("Vårdval – mars"))})
    report = load(warehouse, landing)
    [err] = report.rejected
    assert err.rule == "encoding" and err.line == 2
    assert "0x96" in err.message and "Windows-1252" in err.message


@pytest.mark.parametrize("letter", ["ü", "ø", "é"])
def test_utf8_letters_beyond_swedish_in_a_latin1_file_are_named(tmp_path: Path,
                                                                  letter: str) -> None:
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    data = _invoice_file(f"Vardval {letter}", "Vardval").decode("latin-1").encode("utf-8")
    deliver(landing, "invoices", FEB, {"inv.csv": ("lines", data)})
    [err] = load(warehouse, landing).rejected
    assert err.rule == "encoding" and err.line == 2 and f"'{letter}'" in err.message


def test_manifest_sums_with_a_decimal_comma_are_read(tmp_path: Path) -> None:
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    folder = deliver(landing, "ledger", JAN, {"lines.csv": ("lines", csv_bytes(
        LEDGER_HEADER, ledger_rows(JAN)))})
    manifest = json.loads((folder / "manifest.json").read_text())
    sums = manifest["files"][0]["control_sums"]
    sums["debit"], sums["credit"] = sums["debit"].replace(".", ","), float(sums["credit"])
    (folder / "manifest.json").write_text(json.dumps(manifest))
    assert load(warehouse, landing).rows == 4
    manifest["files"][0]["control_sums"]["debit"] = "203 kr"
    manifest["delivered_at"] = "2023-02-10T06:00:00Z"
    (folder / "manifest.json").write_text(json.dumps(manifest))
    [err] = load(warehouse, landing).rejected
    assert err.rule == "manifest control sum" and "'203 kr'" in err.message


def test_a_folder_name_in_swedish_with_spaces_loads(tmp_path: Path) -> None:
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    deliver(landing, "ledger", JAN, {"lines.csv": ("lines", csv_bytes(
        LEDGER_HEADER, ledger_rows(JAN)))}, folder="jan 2023 (rättad)")
    report = load(warehouse, landing)
    assert report.rows == 4 and not report.rejected


def test_a_folder_name_with_a_quote_is_refused_cleanly(tmp_path: Path) -> None:
    """Landing's names are of a safe alphabet (security issue): a quote is no part of it."""
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    deliver(landing, "ledger", JAN, {"lines.csv": ("lines", csv_bytes(
        LEDGER_HEADER, ledger_rows(JAN)))}, folder="jan'23 (rättad)")
    report = load(warehouse, landing)
    assert report.rows == 0 and [e.rule for e in report.rejected] == ["unsafe name"]


def test_a_split_extract_loads_both_files(tmp_path: Path) -> None:
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    deliver(landing, "ledger", JAN, {
        "lines_1.csv": ("lines", csv_bytes(LEDGER_HEADER, ledger_rows(JAN, n=2))),
        "lines_2.csv": ("lines", csv_bytes(LEDGER_HEADER, ledger_rows(JAN, n=3, start=3)))})
    report = load(warehouse, landing)
    assert sorted(report.loaded) == [("lines_1.csv", 4), ("lines_2.csv", 6)]
    assert len(rows(warehouse)) == 10


def test_a_split_extract_with_one_bad_file_loads_neither(wh) -> None:
    landing, warehouse = wh
    before = rows(warehouse)
    bad = [r.replace(";6110;", ";6199;") for r in ledger_rows(FEB, n=1, start=5)]
    deliver(landing, "ledger", FEB, {
        "lines_1.csv": ("lines", csv_bytes(LEDGER_HEADER, ledger_rows(FEB))),
        "lines_2.csv": ("lines", csv_bytes(LEDGER_HEADER, bad))})
    _rejected_once(warehouse, landing, "unknown konto", before)


def test_a_key_in_both_files_of_a_split_extract_names_both(tmp_path: Path) -> None:
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    deliver(landing, "ledger", JAN, {
        "lines_1.csv": ("lines", csv_bytes(LEDGER_HEADER, ledger_rows(JAN, n=2))),
        "lines_2.csv": ("lines", csv_bytes(LEDGER_HEADER, ledger_rows(JAN, n=1, start=2)))})
    [err] = load(warehouse, landing).rejected
    assert err.rule == "duplicate key" and err.file.endswith("lines_2.csv") and err.line == 2
    assert "line 4 of" in err.message and "lines_1.csv" in err.message
    assert rows(warehouse) == []


def test_a_duplicated_row_is_rejected_naming_both_lines(wh) -> None:
    landing, warehouse = wh
    good = ledger_rows(FEB, n=2)
    deliver(landing, "ledger", FEB, {"lines.csv": ("lines", csv_bytes(
        LEDGER_HEADER, [*good, good[0], good[1].replace("-102", "-1")]))})
    message = _rejected_once(warehouse, landing, "duplicate key", rows(warehouse))
    assert "line 6" in message and "also on line 2" in message


def test_a_file_identical_to_another_period_is_not_taken_as_unchanged(wh) -> None:
    landing, warehouse = wh
    january = (landing / "ledger" / JAN / "lines.csv").read_bytes()
    deliver(landing, "ledger", FEB, {"lines.csv": ("lines", january)})
    report = load(warehouse, landing)
    assert report.unchanged == ["lines.csv"]  # January itself, unchanged
    [err] = report.rejected
    assert err.rule == "period of delivery"


def test_a_correction_in_a_new_folder_is_current_by_delivery_time(wh) -> None:
    landing, warehouse = wh
    # The correction's folder name sorts before the original's: names must not matter.
    deliver(landing, "ledger", JAN, {"lines.csv": ("lines", csv_bytes(
        LEDGER_HEADER, ledger_rows(JAN, n=1)))}, folder="0-correction",
            delivered_at="2023-02-15T06:00:00+00:00")
    first = load(warehouse, landing)
    assert first.rows == 2 and len(rows(warehouse)) == 2
    assert load(warehouse, landing).rows == 0  # not reloaded on the next run
    assert load(warehouse, landing, up_to=JAN).rows == 0  # nor reverted by an earlier cut-off
    assert len(rows(warehouse)) == 2
    [(delivery,)] = query(warehouse, "select delivery from audit.current_deliveries")
    assert delivery.endswith("0-correction")


def test_an_older_delivery_arriving_late_is_superseded(wh) -> None:
    landing, warehouse = wh
    deliver(landing, "ledger", JAN, {"lines.csv": ("lines", csv_bytes(
        LEDGER_HEADER, ledger_rows(JAN, n=5)))}, folder="late", delivered_at="2023-01-02T06:00Z")
    report = load(warehouse, landing)
    assert report.rows == 0 and report.superseded and len(rows(warehouse)) == 4


def test_a_header_only_file_is_a_valid_empty_month(wh) -> None:
    landing, warehouse = wh
    deliver(landing, "ledger", FEB, {"lines.csv": ("lines", csv_bytes(LEDGER_HEADER, []))})
    report = load(warehouse, landing)
    assert report.loaded == [("lines.csv", 0)] and not report.rejected
    assert query(warehouse, "select count(*) from audit.current_deliveries") == [(2,)]


def test_a_file_without_its_final_newline_is_rejected(wh) -> None:
    landing, warehouse = wh
    data = csv_bytes(LEDGER_HEADER, ledger_rows(FEB))[:-3]  # cut inside the last field
    deliver(landing, "ledger", FEB, {"lines.csv": ("lines", data)})
    assert "line 5" in _rejected_once(warehouse, landing, "no final newline", rows(warehouse))


PERSONS_HEADER = "period;personnummer;namn;fodelsedatum;kon"


def _persons(*pnrs: str) -> bytes:
    return csv_bytes(PERSONS_HEADER, [f"{JAN};{p};Karin Ek;{p[:4]}-{p[4:6]}-"
                                      f"{int(p[6:8]) % 60:02d};K" for p in pnrs])


def test_a_wrong_check_digit_is_rejected_without_showing_the_number(tmp_path: Path) -> None:
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    good = personnummer("19800207", 85)
    wrong = good[:-1] + str((int(good[-1]) + 1) % 10)
    deliver(landing, "hr", JAN, {"persons.csv": ("persons", _persons(good, wrong))})
    [err] = load(warehouse, landing).rejected
    assert err.rule == "personal identity number" and err.line == 3
    assert "check digit" in err.message and wrong not in str(err)


def test_a_coordination_number_is_accepted(tmp_path: Path) -> None:
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    coordination = personnummer("19800267", 85)  # born the 7th: day + 60
    deliver(landing, "hr", JAN, {"persons.csv": ("persons", _persons(coordination))})
    assert load(warehouse, landing).rows == 1


def test_a_rejected_file_is_quarantined_once(wh) -> None:
    landing, warehouse = wh
    bad = [r.replace(";6110;", ";6199;") for r in ledger_rows(FEB)]
    deliver(landing, "ledger", FEB, {"lines.csv": ("lines", csv_bytes(LEDGER_HEADER, bad))})
    for _ in range(3):
        [err] = load(warehouse, landing).rejected  # still named on every run...
        assert err.rule == "unknown konto"
    assert query(warehouse, "select count(*) from audit.quarantine") == [(1,)]  # ...kept once


def test_an_unforeseen_error_is_a_quarantine_row(wh, monkeypatch) -> None:
    landing, warehouse = wh
    from norrlager.ingest import checks

    def broken(*_a, **_k):
        raise ZeroDivisionError("nobody saw this coming")

    monkeypatch.setattr(checks, "check_balanced", broken)
    deliver(landing, "ledger", FEB, {"lines.csv": ("lines", csv_bytes(
        LEDGER_HEADER, ledger_rows(FEB)))})
    before = rows(warehouse)
    message = _rejected_once(warehouse, landing, "unexpected error", before)
    assert "ZeroDivisionError" in message


def test_a_missing_delivery_is_named(tmp_path: Path) -> None:
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    for period in ("2023-01", "2023-02", "2023-04"):  # March never came
        deliver(landing, "ledger", period, {"lines.csv": ("lines", csv_bytes(
            LEDGER_HEADER, ledger_rows(period)))})
    assert not load(warehouse, landing).rejected
    with duckdb.connect(str(warehouse), read_only=True) as con:
        missing = [str(m) for m in missing_deliveries(con, "2023-05")]
    assert missing == ["ledger has not delivered 2023-03: lines",
                       "ledger has not delivered 2023-05: lines"]


def test_a_second_writer_stops_at_once_naming_the_holder(wh) -> None:
    landing, warehouse = wh
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from norrlager.ingest.lock import warehouse_lock\n"
         f"with warehouse_lock(Path({str(warehouse)!r}), what='test refresh'):\n"
         "    print('held', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True, env=dict(os.environ))
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(WarehouseBusyError, match=f"test refresh by process {holder.pid}"):
            load(warehouse, landing)
    finally:
        holder.kill()
        holder.wait()
    with warehouse_lock(warehouse):  # released when its holder died
        pass


def test_the_manifest_command_writes_what_the_loader_accepts(tmp_path: Path) -> None:
    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    folder = landing / "ledger" / FEB
    folder.mkdir(parents=True)
    (folder / "export_1.csv").write_bytes(csv_bytes(LEDGER_HEADER, ledger_rows(FEB)))
    (folder / "export_2.csv").write_bytes(csv_bytes(LEDGER_HEADER, ledger_rows(FEB, 1, 7)))
    path = make_manifest(folder, delivered_at="2023-03-03T06:00:00+00:00")
    manifest = json.loads(path.read_text())
    assert [(f["entity"], f["rows"]) for f in manifest["files"]] == [("lines", 4), ("lines", 2)]
    assert manifest["files"][0]["control_sums"] == {"debit": "204.00", "credit": "204.00"}
    assert load(warehouse, landing).rows == 6


def test_the_manifest_command_refuses_a_bad_file(tmp_path: Path) -> None:
    from norrlager.ingest.errors import LoadError

    folder = tmp_path / "landing" / "ledger" / FEB
    folder.mkdir(parents=True)
    bad = [r.replace(";6110;", ";6199;") for r in ledger_rows(FEB)]
    (folder / "export.csv").write_bytes(csv_bytes(LEDGER_HEADER, bad))
    with pytest.raises(LoadError, match=r"line 2: \[unknown konto\]"):
        make_manifest(folder)
    assert not (folder / "manifest.json").exists()


def test_allow_incomplete_goes_on_and_says_how_far_each_domain_goes(tmp_path: Path) -> None:
    from flows.refresh import IncompleteDeliveriesError, check_deliveries

    landing, warehouse = tmp_path / "landing", tmp_path / "wh.duckdb"
    for period in ("2023-01", "2023-02"):
        deliver(landing, "ledger", period, {"lines.csv": ("lines", csv_bytes(
            LEDGER_HEADER, ledger_rows(period)))})
    report = load(warehouse, landing)
    with pytest.raises(IncompleteDeliveriesError, match="ledger has not delivered 2023-03"):
        check_deliveries.fn("2023-03", warehouse, [report])
    through = check_deliveries.fn("2023-03", warehouse, [report], allow_incomplete=True)
    assert through["operating_accounts"] == "2023-02"
    assert query(warehouse, "select data_through from meta.data_through "
                            "where domain = 'operating_accounts'") == [("2023-02",)]
