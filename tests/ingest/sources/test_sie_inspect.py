"""`norrlager sie inspect`: what a data team sees of a SIE file, and exit codes a script can use."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from sie_files import SieRow, SieVoucher, write

from norrlager.cli import main

D = Decimal
VOUCHERS = [
    SieVoucher("A", "1", "20230105", "Inköp", (SieRow("4010", D("1250.50"), (("1", "010101"),)),
                                                SieRow("2440", D("-1250.50")))),
    SieVoucher("A", "2", "20230106", "Inköp", (SieRow("4010", D("10")),
                                                SieRow("2440", D("-9"), kind="RTRANS"),
                                                SieRow("2440", D("-9")),
                                                SieRow("2440", D("-5"), kind="BTRANS")))]


def _inspect(path: Path, capsys, *extra: str) -> tuple[int, str, str]:
    code = main(["sie", "inspect", str(path), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_the_fields_a_script_reads(tmp_path: Path, capsys) -> None:
    path = tmp_path / "ledger.se"
    path.write_bytes(write(VOUCHERS))
    code, out, _ = _inspect(path, capsys, "--json")
    s = json.loads(out)
    assert code == 0
    assert (s["sie_type"], s["encoding"], s["vouchers"], s["transactions"]) == ("4", "cp437", 2, 4)
    assert s["fiscal_years"] == [{"index": 0, "start": "2023-01-01", "end": "2023-12-31"}]
    assert s["totals_by_account"] == {"2440": "-1259.50", "4010": "1260.50"}
    assert s["unbalanced_vouchers"] == [{"series": "A", "number": "2", "line": 17, "sum": "1"}]
    assert (s["added_rows"], s["removed_rows"], s["findings"]) == (1, 1, [])


def test_the_text_summary_escapes_what_the_file_holds(tmp_path: Path, capsys) -> None:
    path = tmp_path / "ledger.se"
    header = ["#SIETYP 4", '#FNAMN "Region \x1b[2J Testlän"']
    path.write_bytes(write(VOUCHERS, header=header))
    code, out, _ = _inspect(path, capsys)
    assert code == 0 and "\x1b" not in out and "Region \\x1b[2J Testlän" in out
    assert "unbalanced vouchers: 1" in out and "A 2 (line 8): sums to 1" in out


@pytest.mark.parametrize(("content", "says"), [
    (b"<!DOCTYPE html>\n<html><head><title>404</title></head></html>\n", "not a SIE file"),
    (write(VOUCHERS)[:-40], "truncated")])
def test_what_is_not_a_sie_file_exits_2_with_one_line(tmp_path: Path, capsys, content: bytes,
                                                       says: str) -> None:
    path = tmp_path / "ledger.se"
    path.write_bytes(content)
    code, out, err = _inspect(path, capsys)
    assert (code, out) == (2, "") and says in err and len(err.strip().splitlines()) == 1


def test_a_link_or_a_missing_file_is_refused(tmp_path: Path, capsys) -> None:
    (tmp_path / "real.se").write_bytes(write(VOUCHERS))
    (tmp_path / "link.se").symlink_to(tmp_path / "real.se")
    assert _inspect(tmp_path / "link.se", capsys)[0] == 2
    assert _inspect(tmp_path / "missing.se", capsys)[0] == 2
