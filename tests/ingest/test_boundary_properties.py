"""Property: whatever happens to a good delivery on its way, the load either accepts it and raw
holds exactly what a correct parse of the file gives, or rejects it with a quarantine row and raw
is unchanged. Never an uncaught exception.

The examples start from good extracts of three kinds (a UTF-8 ledger file, a Latin-1 invoice
file with patients, an HR persons file whose identity numbers are pseudonymised) and apply one
or two random mutations: to bytes, fields, lines, the manifest, the file name or the encoding.
CI runs a fixed, derandomised budget (profile `ci`); `pytest --hypothesis-profile=long
tests/ingest/test_boundary_properties.py` runs a longer, random search.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import shutil
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
from boundary_helpers import (
    BASE,
    LEDGER_HEADER,
    PROPERTY_KEY,
    base_warehouse,
    entry_for,
    ledger_rows,
    raw_tables,
)
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from norrlager.ingest import identity
from norrlager.ingest.contracts import PSEUDONYM_COLUMN, Entity, entity_for
from norrlager.ingest.loader import load_landing
from norrlager.simulate.persons import personnummer

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

INVOICE_HEADER = ("fakturanummer;fakturarad;fakturadatum;period;leverantor;kategori;konto;ansvar;"
                  "personnummer;episod;drg;drg_vikt;belopp;text")
PERSONS_HEADER = "period;personnummer;namn;fodelsedatum;kon"


def _invoice_rows() -> list[str]:
    people = [personnummer("19601222", 187), personnummer("19671204", 806), ""]
    return [f"F202302-00000{i};1;2023-02-2{i};2023-02;HC-KRONAN;Vårdval;6710;010101;{p};"
            f"{'E2023000' + str(i) if p else ''};;{'0,0027' if p else ''};{1000 + i},00;"
            f"Kapitering {i}" for i, p in enumerate(people, 1)]


def _persons_rows() -> list[str]:
    return [f"2023-02;{personnummer(b, s)};{n};{b[:4]}-{b[4:6]}-{b[6:]};{k}"
            for b, s, n, k in (("19800207", 85, "Åsa Öberg", "K"),
                               ("19911215", 428, "Björn Ek", "M"),
                               ("20010331", 12, "Élise Dupré", "K"))]


KINDS = {  # system, entity, header, rows
    "ledger": ("ledger", "lines", LEDGER_HEADER, ledger_rows("2023-02", n=3)),
    "invoices": ("invoices", "lines", INVOICE_HEADER, _invoice_rows()),
    "persons": ("hr", "persons", PERSONS_HEADER, _persons_rows()),
}

FIELD_VALUES = st.one_of(
    st.sampled_from(["", "0", "-1", "2147483648", "99999999999999999", "1,5", "1.5", "1,555",
                     "2023-02-30", "2023-13-01", "2023-01-15", "2024-02-01", ";", "'", '"',
                     "6199", "ZZZ", "19800207-0856", "19800267-0851", "–", "ü", "\t", " 12"]),
    st.text(max_size=6),
    st.integers(-10**12, 10**12).map(str))

MUTATION = st.one_of(
    st.tuples(st.just("flip byte"), st.integers(0, 10**6), st.integers(0, 255)),
    st.tuples(st.just("insert byte"), st.integers(0, 10**6), st.integers(0, 255)),
    st.tuples(st.just("delete byte"), st.integers(0, 10**6)),
    st.tuples(st.just("truncate"), st.integers(0, 10**6)),
    st.tuples(st.just("set field"), st.integers(1, 3), st.integers(0, 13), FIELD_VALUES),
    st.tuples(st.just("duplicate line"), st.integers(1, 3)),
    st.tuples(st.just("drop line"), st.integers(0, 3)),
    st.tuples(st.just("swap lines"), st.integers(1, 3), st.integers(1, 3)),
    st.tuples(st.just("encoding"), st.sampled_from(["utf-8", "latin-1", "cp1252"])),
    st.tuples(st.just("manifest"), st.sampled_from(
        ["rows", "debit", "credit", "delivered_at", "encoding", "entity", "file", "sha256",
         "period", "system", "files"]), FIELD_VALUES),
    st.tuples(st.just("file name"), st.sampled_from(["data'.csv", "ä b.csv", "x;y.csv"])),
    st.tuples(st.just("none")))


def _mutate_text(lines: list[str], m: tuple) -> list[str]:
    kind = m[0]
    if kind == "set field" and m[1] < len(lines):
        fields = lines[m[1]].split(";")
        fields[m[2] % len(fields)] = m[3]
        lines[m[1]] = ";".join(fields)
    elif kind == "duplicate line" and m[1] < len(lines):
        lines.insert(m[1] + 1, lines[m[1]])
    elif kind == "drop line" and m[1] < len(lines):
        del lines[m[1]]
    elif kind == "swap lines" and max(m[1], m[2]) < len(lines):
        lines[m[1]], lines[m[2]] = lines[m[2]], lines[m[1]]
    return lines


def _mutate_bytes(data: bytes, m: tuple) -> bytes:
    kind = m[0]
    if kind not in {"flip byte", "insert byte", "delete byte", "truncate"}:
        return data
    at = m[1] % max(len(data), 1)
    if kind == "flip byte":
        return data[:at] + bytes([m[2]]) + data[at + 1:]
    if kind == "insert byte":
        return data[:at] + bytes([m[2]]) + data[at:]
    if kind == "delete byte":
        return data[:at] + data[at + 1:]
    if kind == "truncate":
        return data[:at]
    return data


def _write(folder: Path, kind: str, mutations: list[tuple]) -> tuple[Entity, Path]:
    system, name, header, rows = KINDS[kind]
    entity = entity_for(system, name)
    lines = [header, *rows]
    encoding = entity.encoding
    for m in mutations:
        lines = _mutate_text(lines, m)
        if m[0] == "encoding":
            encoding = m[1]
    data = ("\n".join(lines) + "\n").encode(encoding, errors="replace")
    for m in mutations:
        data = _mutate_bytes(data, m)
    file_name = next((m[1] for m in mutations if m[0] == "file name"), "extract.csv")
    folder.mkdir(parents=True)
    path = folder / file_name
    path.write_bytes(data)
    entry = entry_for(path, entity)
    manifest = {"system": system, "period": "2023-02",
                "delivered_at": "2023-03-03T06:00:00+00:00", "files": [entry]}
    for m in mutations:
        if m[0] != "manifest":
            continue
        where, value = m[1], m[2]
        if where in {"debit", "credit"}:
            entry.setdefault("control_sums", {})[where] = value
        elif where in {"period", "system", "delivered_at"}:
            manifest[where] = value
        elif where == "files":
            manifest["files"] = value
        else:
            entry[where] = value
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return entity, path


# Shaped like an identity number: (YY)YYMMDD, '-' or '+' or nothing, four digits, with a
# plausible month and day (61-91 for co-ordination numbers), not inside a longer number.
_TYPED_PNR = re.compile(r"(?<![0-9])(?:19|20)?[0-9]{2}(?:0[1-9]|1[0-2])"
                        r"(?:0[1-9]|[12][0-9]|3[01]|6[1-9]|[78][0-9]|9[01])[-+]?[0-9]{4}(?![0-9])")


def _parse(entity: Entity, data: bytes) -> list[tuple]:
    """What a correct parse of a file gives, written independently of the loader. Raises on any
    file the contract does not allow."""
    text = data.decode(entity.encoding)
    assert text.endswith("\n") and "\r" not in text
    header, *lines = text[:-1].split("\n")
    assert header == ";".join(entity.column_names)
    out = []
    for line in lines:
        values = line.split(";")
        assert len(values) == len(entity.columns)
        row = []
        for (name, typ), v in zip(entity.columns, values, strict=True):
            assert v != "" or name in entity.optional
            assert all(ord(c) >= 32 for c in v)
            if name in entity.dropped:
                if typ == "date":
                    date.fromisoformat(v)
                continue
            if name in entity.identifiers:
                assert v == "" or identity.problem(v) is None
                row.append(hmac.new(PROPERTY_KEY.secret, v.encode(), hashlib.sha256).hexdigest()
                           if v else None)
            elif v == "":
                row.append(None)
            elif typ == "integer":
                assert v.lstrip("-").isdigit() and -2**31 <= int(v) < 2**31
                row.append(int(v))
            elif typ in {"decimal", "weight"}:
                places = 2 if typ == "decimal" else 4
                whole, _, frac = v.lstrip("-").partition(",")
                assert whole.isdigit() and (frac == "" or (frac.isdigit() and
                                                           len(frac) <= places))
                row.append(Decimal(v.replace(",", ".")))
            elif typ == "date":
                assert len(v) == 10
                row.append(date.fromisoformat(v))
            elif name in entity.free_text:  # a typed identity number is masked, the rest kept
                row.append(_TYPED_PNR.sub("[personnummer]", v))
            else:
                assert not _TYPED_PNR.search(v), "an identity number in a code column"
                row.append(v)
        if entity.birth_year_of:
            row.append(int(values[entity.column_names.index(entity.birth_year_of)][:4]))
        out.append(tuple(row))
    keys = [tuple(line.split(";")[entity.column_names.index(c)] for c in entity.key)
            for line in lines]
    assert len(set(keys)) == len(keys), "a business key twice"
    return out


def _check(kind: str, mutations: list[tuple]) -> None:
    base = base_warehouse()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        warehouse, landing = root / "wh.duckdb", root / "landing"
        shutil.copy(base, warehouse)
        shutil.copytree(BASE["landing"], landing)
        before = raw_tables(warehouse)
        entity, path = _write(landing / KINDS[kind][0] / "2023-02", kind, mutations)
        note(f"mutations: {mutations}")
        report = load_landing(warehouse, landing, progress=lambda _m: None, key=PROPERTY_KEY)
        after = raw_tables(warehouse)
        if report.rejected:
            assert mutations != [("none",)], f"a good delivery was rejected: {report.rejected}"
            assert after == before, "a rejected delivery changed raw"
            with duckdb.connect(str(warehouse), read_only=True) as con:
                assert con.execute("select count(*) from audit.quarantine").fetchone()[0] >= 1
            note(f"rejected: {report.rejected}")
            return
        expected = _parse(entity, path.read_bytes())  # accepted: must be a correct file
        got = [r[:len(entity.raw_columns)] for r in after[entity.table]
               if r[len(entity.raw_columns)] in {"2023-02", "2023"}]
        names = [c for c, _ in entity.raw_columns]
        if PSEUDONYM_COLUMN in names:
            i = names.index(PSEUDONYM_COLUMN)
            assert all(r[i] is None or len(r[i]) == 64 for r in got)
        assert sorted(got, key=repr) == sorted(expected, key=repr)
        assert {t: v for t, v in after.items() if t != entity.table} == \
            {t: v for t, v in before.items() if t != entity.table}


@SETTINGS
@given(st.lists(MUTATION, min_size=1, max_size=2))
def test_a_mutated_ledger_delivery_is_loaded_exactly_or_rejected_cleanly(mutations) -> None:
    _check("ledger", mutations)


@SETTINGS
@given(st.lists(MUTATION, min_size=1, max_size=2))
def test_a_mutated_latin1_invoice_delivery_is_loaded_exactly_or_rejected_cleanly(
        mutations) -> None:
    _check("invoices", mutations)


@SETTINGS
@given(st.lists(MUTATION, min_size=1, max_size=2))
def test_a_mutated_persons_delivery_is_loaded_exactly_or_rejected_cleanly(mutations) -> None:
    _check("persons", mutations)


IDENTITY_LIKE = st.one_of(
    st.from_regex(r"(18|19|20|21)[0-9]{2}[01][0-9][0-9]{2}-[0-9]{4}", fullmatch=True),
    st.builds(personnummer, st.dates(date(1920, 1, 1), date(2023, 12, 31))
              .map(lambda d: d.strftime("%Y%m%d")), st.integers(0, 999)),
    st.text(alphabet="0123456789-x ", min_size=0, max_size=15))


@SETTINGS
@given(st.lists(IDENTITY_LIKE, min_size=1, max_size=50))
def test_the_loaders_set_wise_identity_rule_agrees_with_the_python_rule(values) -> None:
    """The loader checks identity numbers in SQL (one pass over the distinct values); whether a
    value passes must be exactly norrlager.ingest.identity's verdict."""
    from norrlager.ingest.checks import _invalid_identity_number

    con = duckdb.connect()
    con.execute("create table t (v varchar)")
    con.executemany("insert into t values (?)", [[v] for v in values])
    got = dict(con.execute(f"select v, {_invalid_identity_number('v')} from t").fetchall())
    for v in values:
        assert got[v] == (identity.problem(v) is not None), v
