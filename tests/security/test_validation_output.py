"""Inert validation output: a delivered value that looks like markup reaches Data Docs and
audit.validation_results as plain characters, and a repeated key that holds a pseudonym is named
by its files and lines, never by the pseudonym."""

from __future__ import annotations

from pathlib import Path

from boundary_helpers import LEDGER_HEADER, csv_bytes, deliver, ledger_rows, load, query

from norrlager.ingest.pseudonym import PseudonymKey
from norrlager.quality.validate import load_suites, run_validation, safe_key
from norrlager.simulate.persons import personnummer

ATTACK = '"><img src=x onerror=alert(7)>'
KEY = PseudonymKey(b"validation-output-test-key-32-bytes!", "test")
SUITE = next(s for s in load_suites() if s["suite"] == "extract_control_totals")


def _site_text(root: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in root.rglob("*") if p.is_file() and p.suffix in {".html", ".json"})


def test_a_delivered_id_that_is_markup_reaches_data_docs_inert(tmp_path: Path) -> None:
    landing, warehouse = tmp_path / "landing", tmp_path / "wh" / "wh.duckdb"
    for period in ("2023-01", "2023-02"):
        lines = [r.replace(f"LF2023-{1:07d}", ATTACK) for r in ledger_rows(period, n=1)]
        deliver(landing, "ledger", period, {"lines.csv": ("lines", csv_bytes(LEDGER_HEADER,
                                                                             lines))})
    assert load(warehouse, landing, key=KEY).rows == 4
    run = run_validation(warehouse, progress=lambda _m: None, suites=[SUITE],
                         docs_root=tmp_path / "gx")
    failed = [r for r in run.results if r.check == "no_business_key_loaded_twice"]
    assert failed and not failed[0].success
    site = _site_text(tmp_path / "gx")
    assert "<img src=x" not in site and "onerror=alert" not in site
    stored = " ".join(str(v) for row in query(warehouse, "select * from audit.validation_results")
                      for v in row)
    assert "<img" not in stored and '">' not in stored
    assert "?img src?x onerror?alert(7)?" in failed[0].message


def test_a_repeated_person_key_is_named_by_lines_not_by_its_pseudonym(tmp_path: Path) -> None:
    landing, warehouse = tmp_path / "landing", tmp_path / "wh" / "wh.duckdb"
    pnr = personnummer("19800207", 85)
    for period in ("2023-01", "2023-02"):
        row = f"{period};{pnr};Åsa Öberg;1980-02-07;K"
        deliver(landing, "hr", period, {"persons.csv": ("persons", csv_bytes(
            "period;personnummer;namn;fodelsedatum;kon", [row]))})
    assert load(warehouse, landing, key=KEY).rows == 2
    run = run_validation(warehouse, progress=lambda _m: None, suites=[SUITE],
                         docs_root=tmp_path / "gx")
    failed = next(r for r in run.results if r.check == "no_business_key_loaded_twice")
    assert not failed.success
    assert "persons.csv line 2" in failed.message
    pseudonym = KEY.pseudonym(pnr)
    everywhere = (_site_text(tmp_path / "gx") + failed.message
                  + str(query(warehouse, "select * from audit.validation_results")))
    assert pseudonym not in everywhere and pnr not in everywhere


def test_safe_key_keeps_plain_keys_and_disarms_the_rest() -> None:
    assert safe_key("ledger_lines LF2023-0000001/1 in 2023-01, 2023-02") == \
        "ledger_lines LF2023-0000001/1 in 2023-01, 2023-02"
    assert safe_key("Kostnadsställe Luleå (010101)") == "Kostnadsställe Luleå (010101)"
    assert safe_key("<script>&'\"") == "?script????"
