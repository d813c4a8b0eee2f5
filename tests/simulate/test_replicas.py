"""A larger region's patients: replicas of the simulated ones, each a person of its own."""

from __future__ import annotations

from types import SimpleNamespace

import duckdb
import numpy as np
import pandas as pd
import pytest

from norrlager.ingest.contracts import (
    HR_ABSENCES,
    HR_PERSONS,
    LEDGER_BUDGET,
    LEDGER_LINES,
    PAS_CONTACTS,
    PAS_WAITING_LIST,
)
from norrlager.ingest.identity import problem
from norrlager.simulate.pas.patients import PatientPool
from norrlager.simulate.region import _replicated, _ReplicaWriter, write_hr, write_monthly
from norrlager.simulate.replicas import ledger_replication, patient_replicas, replica_numbers


@pytest.fixture(scope="module")
def patients() -> np.ndarray:
    return PatientPool(np.random.default_rng(5), 20_000).pnr


def test_replicas_are_other_persons_born_the_same_day_of_the_same_sex(patients) -> None:
    replicas = replica_numbers(patients, 39)  # scale 40: a region the size of Sweden
    every = np.concatenate([patients, replicas.ravel()])
    assert len(set(every)) == len(every)
    assert all(problem(n) is None for n in replicas.ravel()[::97])
    for k in (0, 19, 38):
        day = pd.Series(replicas[k]).str.slice(6, 8).astype(int)
        birth = pd.Series(replicas[k]).str.slice(0, 6) + (day % 60).astype(str).str.zfill(2)
        assert (birth.to_numpy() == pd.Series(patients).str.slice(0, 8).to_numpy()).all()
        sex_digit = pd.Series(replicas[k]).str.slice(11, 12).astype(int) % 2
        assert (sex_digit.to_numpy() == pd.Series(patients).str.slice(11, 12).astype(int)
                .to_numpy() % 2).all()


def test_too_many_persons_for_one_birth_date_is_an_error() -> None:
    with pytest.raises(ValueError, match="scale too large"):
        replica_numbers(np.array(["19800101-0018"], dtype=object), 1000)


@pytest.mark.parametrize("scale", [0.3, 1.0, 2.0, 3.6])
def test_scale_keeps_or_leaves_out_whole_patients(patients, scale) -> None:
    replicas = patient_replicas(patients, scale, seed=1)
    assert len(replicas) == pytest.approx(len(patients) * scale, rel=0.02)
    assert replicas.replica_personnummer.is_unique
    assert (replicas.replica_suffix == "").sum() == (len(patients) if scale >= 1 else
                                                    len(replicas))


def _contacts(patients: np.ndarray) -> pd.DataFrame:
    n = len(patients)
    return pd.DataFrame({
        "period": "2023-03", "kontakt_id": [f"K{i:07d}" for i in range(n)],
        "personnummer": patients, "datum": pd.Timestamp("2023-03-02"), "vardtyp": "Somatik",
        "vardgivare": "Egen regi", "ansvar": "030301", "specialitet": "Kirurgi",
        "yrkeskategori": "Läkare", "kontaktform": "Fysisk", "kanal": "Mottagning", "kon": "K",
        "alder": 40, "fraga_vald": "N"})


def test_replicated_extract_holds_every_replica_of_every_row(patients, tmp_path) -> None:
    contacts = _contacts(patients[:500])
    waiting = contacts[["period", "personnummer", "kon", "alder"]].assign(
        vantelista_id=[f"W{i:07d}" for i in range(500)], vantetyp="Första besök",
        specialitet="Kirurgi", remissdatum=pd.Timestamp("2023-01-02"), avslutsdatum=pd.NaT,
        pvv="N")
    con = duckdb.connect()
    con.register("frame", patient_replicas(contacts.personnummer.to_numpy(), 3.0, seed=1))
    con.execute("create table replicas as select * from frame")
    counts = write_monthly(con, tmp_path, "pas", ((contacts, PAS_CONTACTS),
                                                  (waiting, PAS_WAITING_LIST)), _replicated)
    assert counts == {"pas_contacts": 1500, "pas_waiting_list": 1500}
    written = pd.read_csv(tmp_path / "2023-03" / "contacts_2023-03.csv", sep=";", dtype=str)
    assert len(written) == 1500 and written.kontakt_id.is_unique
    assert written.personnummer.is_unique
    assert set(written.kontakt_id.str.slice(0, 8)) == set(contacts.kontakt_id)
    assert written.groupby(written.kontakt_id.str.slice(0, 8)).size().eq(3).all()


def test_replicated_rows_keep_the_frame_order_replica_by_replica(patients, tmp_path) -> None:
    """The same seed gives byte-identical files at any scale: the join with the replicas is
    ordered (each row of the frame, then its replicas), not left to DuckDB's threads (broken
    once: without the order by the rows came out in another order, and a scaled demo's
    contacts differed between two runs)."""
    contacts = _contacts(patients)
    con = duckdb.connect()
    con.register("frame", patient_replicas(contacts.personnummer.to_numpy(), 3.0, seed=1))
    con.execute("create table replicas as select * from frame")
    write_monthly(con, tmp_path, "pas", ((contacts, PAS_CONTACTS),), _replicated)
    written = pd.read_csv(tmp_path / "2023-03" / "contacts_2023-03.csv", sep=";", dtype=str)
    original = written.kontakt_id.str.slice(0, 8)
    assert original.drop_duplicates().tolist() == contacts.kontakt_id.tolist()
    assert original.is_monotonic_increasing
    suffix = written.kontakt_id.str.slice(8)
    assert (suffix.groupby(original).agg(list) == pd.Series([["", "-1", "-2"]] * len(contacts),
                                                            index=contacts.kontakt_id)).all()


def test_at_scale_one_the_frame_is_written_as_it_is(patients, tmp_path) -> None:
    contacts = _contacts(patients[:50])
    counts = write_monthly(duckdb.connect(), tmp_path, "pas", ((contacts, PAS_CONTACTS),))
    assert counts == {"pas_contacts": 50}
    written = pd.read_csv(tmp_path / "2023-03" / "contacts_2023-03.csv", sep=";", dtype=str)
    assert written.kontakt_id.tolist() == contacts.kontakt_id.tolist()
    assert written.personnummer.tolist() == contacts.personnummer.tolist()


def test_ledger_and_hr_beyond_the_simulated_scale_are_replicas() -> None:
    assert ledger_replication(4.0) == (4.0, 1)
    assert ledger_replication(40.0) == (4.0, 10)
    simulated, copies = ledger_replication(10.0)
    assert copies == 3 and simulated * copies == pytest.approx(10.0)


def test_replicated_ledger_and_hr_keep_keys_unique_and_sums_whole(patients, tmp_path) -> None:
    con = duckdb.connect()
    staff = patients[:3]
    writer = _ReplicaWriter(con, 3, staff, seed=1)
    lines = pd.DataFrame({
        "verifikation": ["LF2023-0000001"] * 2, "rad": [1, 2],
        "bokforingsdatum": pd.Timestamp("2023-03-02"), "period": "2023-03",
        "konto": ["6110", "2410"], "ansvar": "030301", "verksamhet": "110",
        "motpart": "EXT-LEV", "belopp": [12_345, -12_345], "text": "Leverantörsfaktura"})
    entry = writer.write(lines, LEDGER_LINES, tmp_path / "lines.csv")
    written = pd.read_csv(tmp_path / "lines.csv", sep=";", dtype=str)
    assert entry["rows"] == 6 and not written.duplicated(["verifikation", "rad"]).any()
    assert entry["control_sums"] == {"debit": "370.35", "credit": "370.35"}
    budget = lines.drop(columns=["verifikation", "rad", "bokforingsdatum", "text"]).assign(ar=2023)
    entry = writer.write(budget, LEDGER_BUDGET, tmp_path / "budget.csv")
    assert entry["rows"] == 2 and entry["control_sums"]["debit"] == "370.35"
    employments = pd.DataFrame({"period": "2023-03", "anstallning_id": ["A1", "A2", "A3"],
                                "personnummer": staff, "anstallningsform": "Tillsvidare",
                                "yrkeskod": "011020", "sysselsattningsgrad": 100,
                                "ordinarie_timmar": 17143, "ansvar": "030301", "chef": "N",
                                "startdatum": pd.Timestamp("2020-01-01"), "slutdatum": pd.NaT,
                                "avgangsorsak": None})
    payroll = pd.DataFrame({"period": "2023-03", "lonerad": ["L1", "L2", "L3"],
                            "anstallning_id": ["A1", "A2", "A3"], "personnummer": staff,
                            "lonart": "1100", "antal": None, "belopp": 3_000_000,
                            "ansvar": "030301", "konto": "5010"})
    write_hr(con, SimpleNamespace(persons=pd.DataFrame(columns=[c for c, _ in HR_PERSONS.columns]),
                                  employments=employments, payroll=payroll,
                                  absences=pd.DataFrame(columns=[c for c, _ in
                                                                 HR_ABSENCES.columns])),
             tmp_path / "hr", writer.source)
    emp = pd.read_csv(tmp_path / "hr" / "2023-03" / "employments_2023-03.csv", sep=";", dtype=str)
    pay = pd.read_csv(tmp_path / "hr" / "2023-03" / "payroll_lines_2023-03.csv", sep=";",
                      dtype=str, encoding="latin-1")
    assert len(emp) == len(pay) == 9
    assert emp.anstallning_id.is_unique and pay.lonerad.is_unique
    assert emp.personnummer.nunique() == 9  # each replica another person ...
    # ... whose pay lines are his employment's
    assert set(zip(emp.anstallning_id, emp.personnummer, strict=True)) == set(
        zip(pay.anstallning_id, pay.personnummer, strict=True))
