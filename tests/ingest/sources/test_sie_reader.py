"""The SIE 4 reader: every record of the specification, every way programs quote, space and
brace, the encodings, and files that are not SIE at all."""

from __future__ import annotations

import zlib
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sie_files import (
    SieRow,
    SieVoucher,
    Style,
    checksum_text,
    mutated,
    rows_by_parse,
    write,
)

from norrlager.ingest.sources.sie.reader import SieFileError, read_sie

D = Decimal
VOUCHERS = [
    SieVoucher("A", "1", "20230105", 'Köp av "material"', (
        SieRow("4010", D("1250.50"), (("1", "010101"), ("20", "110")), "Inköp Åre"),
        SieRow("2440", D("-1250.50"), (), ""))),
    SieVoucher("B", "7", "20231231", "", (
        SieRow("7010", D("100"), (("1", "010101"),)),
        SieRow("1930", D("-100.00"))))]
STYLES = [Style(), Style(sep="\t"), Style(quote_all=True), Style(braces="trailing"),
          Style(braces="leading"), Style(crlf=True), Style(quote_dims=True, object_sep="  "),
          Style(sep="\t", quote_all=True, braces="trailing", crlf=True, quote_dims=True)]


def _rows(sf) -> list[tuple]:
    return [(v.series, v.number, v.date.isoformat(), v.text, r.account, r.objects, r.amount,
             r.text) for v in sf.vouchers for r in v.counted]


EXPECTED = [(v.series, v.number, f"{v.date[:4]}-{v.date[4:6]}-{v.date[6:]}", v.text, r.account,
             r.objects, r.amount, r.text) for v in VOUCHERS for r in v.rows]


@pytest.mark.parametrize("style", STYLES, ids=lambda s: repr(s)[5:-1] or "plain")
def test_every_way_of_quoting_spacing_and_bracing_reads_the_same_rows(style: Style) -> None:
    data = write(VOUCHERS, style)
    sf = read_sie(data, "ledger.se")
    assert _rows(sf) == EXPECTED
    assert sf.findings == []
    assert [(r.account, r.amount) for r in sf.rows] == rows_by_parse(data)
    assert (sf.sie_type, sf.program, sf.company, sf.chart_type, sf.encoding) == (
        "4", "Testprogram 1.0", "Region Testlän", "EUBAS97", "cp437")
    assert sf.objects[("1", "010101")] == "Vårdcentral Ö"


def test_an_added_row_counts_once_and_a_removed_row_not_at_all() -> None:
    rows = (SieRow("4010", D("10")), SieRow("1930", D("-4"), kind="RTRANS"),
            SieRow("1930", D("-4")), SieRow("1930", D("-99"), kind="BTRANS"),
            SieRow("1930", D("-6")))
    data = write([SieVoucher("A", "1", "20230105", "x", rows)])
    sf = read_sie(data, "f.se")
    assert [(r.kind, r.amount) for r in sf.rows] == [("TRANS", 10), ("RTRANS", -4),
                                                     ("TRANS", -6)]
    assert sf.unbalanced == [] and sf.findings == []
    assert [(r.account, r.amount) for r in sf.rows] == rows_by_parse(data)


def test_an_added_row_without_its_copy_counts_with_a_finding() -> None:
    rows = (SieRow("4010", D("10")), SieRow("1930", D("-10"), kind="RTRANS"))
    sf = read_sie(write([SieVoucher("A", "1", "20230105", "x", rows)]), "f.se")
    assert [r.amount for r in sf.rows] == [10, -10]
    assert [(f.line, f.rule) for f in sf.findings] == [(15, "rtrans")]


def test_an_unbalanced_voucher_is_listed_with_its_line_and_sum() -> None:
    rows = (SieRow("4010", D("10")), SieRow("1930", D("-9.99")))
    sf = read_sie(write([*VOUCHERS, SieVoucher("C", "3", "20230301", "", rows)]), "f.se")
    assert [(v.series, v.number, v.line, v.total) for v in sf.unbalanced] == [
        ("C", "3", 22, D("0.01"))]


def test_balances_budget_years_dimensions_and_accounts() -> None:
    header = ["#SIETYP 4", "#RAR 0 20230101 20231231", "#RAR -1 20220101 20221231",
              '#DIM 21 "Motpart"', '#UNDERDIM 22 "Delprojekt" 6', "#KONTO 1930 Bank",
              '#KONTO 4010 "Inköp"', "#KTYP 1930 T", "#IB 0 1930 1000.00", "#UB -1 1930 1000",
              "#RES 0 4010 -25.5", '#OIB 0 1930 {1 "010101"} 10', "#OUB 0 1930 {} 11",
              '#PSALDO 0 202302 4010 {1 "010101"} 12.25 3', "#PBUDGET 0 202312 4010 {} -13"]
    sf = read_sie(write([], header=header), "b.se")
    assert [(y.index, y.start.isoformat(), y.end.isoformat()) for y in sf.fiscal_years] == [
        (0, "2023-01-01", "2023-12-31"), (-1, "2022-01-01", "2022-12-31")]
    assert sf.dimensions == {"21": "Motpart", "22": "Delprojekt"}
    assert sf.accounts == {"1930": "Bank", "4010": "Inköp"} and sf.account_types == {"1930": "T"}
    assert [(b.kind, b.year, b.account, b.objects, b.period, b.amount) for b in sf.balances] == [
        ("IB", 0, "1930", (), None, 1000), ("UB", -1, "1930", (), None, 1000),
        ("RES", 0, "4010", (), None, D("-25.5")), ("OIB", 0, "1930", (("1", "010101"),), None,
                                                   10),
        ("OUB", 0, "1930", (), None, 11), ("PSALDO", 0, "4010", (("1", "010101"),), "202302",
                                           D("12.25")),
        ("PBUDGET", 0, "4010", (), "202312", -13)]
    assert sf.findings == []


@pytest.mark.parametrize(("line", "rule"), [
    ('#TRANS 4010 {} 12,50', "amount"), ("#TRANS 4010 {} 1.255", "amount"),
    ("#TRANS 4010 {30 X} 1", "dimension"), ("#TRANS 4010 {1} 1", "syntax"),
    ('#TRANS 4010 {1 "A} 1', "syntax"), ("#TRANS 4010 {} 1 20231332", "date"),
    ("#TRANS 4010 1", "fields"), ("#TRANS 4010 X 1", "objects")])
def test_a_bad_row_is_a_finding_naming_its_line_and_rule(line: str, rule: str) -> None:
    data = write([]) + f"#VER A 1 20230101 x\n{{\n{line}\n}}\n".encode()
    sf = read_sie(data, "f.se")
    assert [(f.line, f.rule) for f in sf.findings] == [(14, rule)]
    assert sf.rows == []


def test_unknown_records_are_skipped_and_counted() -> None:
    sf = read_sie(write([], header=["#SIETYP 4", "#NYPOST 1 2", "#NYPOST 3", "#PROSA hej"]), "f")
    assert sf.ignored_labels == {"#NYPOST": 2} and sf.findings == []


def test_the_checksum_is_verified_when_present() -> None:
    data = write(VOUCHERS, checksum=True)
    assert read_sie(data, "f.se").checksum == "ok"
    forged = data.replace(b"1250.50", b"1250.60")
    sf = read_sie(forged, "f.se")
    assert sf.checksum == "mismatch" and [f.rule for f in sf.findings] == ["checksum"]
    assert read_sie(write(VOUCHERS), "f.se").checksum is None


def test_the_test_checksum_is_the_zip_crc_of_the_fields_without_blanks_quotes_or_braces() -> None:
    assert checksum_text('#TRANS 4010 {1 "0123"} 100.00 "" "a b"') == "#TRANS40101012310" \
        "0.00a b"
    assert zlib.crc32(b"#SIETYP4") == zlib.crc32(checksum_text("#SIETYP 4").encode())


@pytest.mark.parametrize(("encode", "finding"), [
    ("cp437", None), ("utf-8", "UTF-8"), ("latin-1", "Windows-1252"), ("cp1252", "Windows-1252")])
def test_letters_are_never_misread_whatever_the_file_declares(encode: str, finding) -> None:
    sf = read_sie(write(VOUCHERS, encoding=encode), "f.se")
    assert sf.company == "Region Testlän" and sf.vouchers[0].text == 'Köp av "material"'
    assert [f.message.split(": read as ")[1].split(";")[0] for f in sf.findings] == (
        [finding] if finding else [])
    stated = read_sie(write(VOUCHERS, encoding=encode), "f.se", encoding=encode)
    assert stated.findings == [] and stated.company == "Region Testlän"


@pytest.mark.parametrize(("data", "says"), [
    (b"", "empty"), (b"<!DOCTYPE html>\n<html><body>Not found</body></html>\n", "not a SIE"),
    (b"konto;belopp\n1930;100\n", "not a SIE"), (b"\x00\x01PK\x03\x04\n", "not a SIE"),
    (write(VOUCHERS)[:-30], "truncated"), (write(VOUCHERS)[:-2] + b"\n", "truncated"),
    (write(VOUCHERS, checksum=True).rsplit(b"#KSUMMA", 1)[0], "truncated")])
def test_what_is_not_a_whole_sie_file_is_refused_with_a_message(data: bytes, says: str) -> None:
    with pytest.raises(SieFileError, match=says):
        read_sie(data, "f.se")


GOOD = write(VOUCHERS, checksum=True)
LINES = GOOD.split(b"\n")


@given(st.lists(st.tuples(st.sampled_from(["delete", "duplicate", "swap", "byte", "cut"]),
                          st.integers(0, len(LINES) - 1), st.integers(0, 200),
                          st.integers(0, 255)), min_size=1, max_size=4))
def test_a_mutated_file_is_read_or_refused_never_a_crash(edits) -> None:
    try:
        sf = read_sie(mutated(GOOD, edits), "f.se")
    except SieFileError:
        return
    assert all(r.amount == r.amount.quantize(D("0.01")) for r in sf.rows)
