"""The Kolada client against recorded responses in the API's documented JSON shape (the build
machines cannot reach api.kolada.se), and the delivery it writes through the loader's path."""

from __future__ import annotations

import json
import urllib.parse
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from norrlager.cli import main, parser
from norrlager.ingest.loader import load_landing
from norrlager.ingest.sources import kolada

RECORDED = Path(__file__).parents[2] / "fixtures" / "kolada"
BASE = "https://api.kolada.se/v3"


class Recorded:
    """Answers the client's requests from the recordings; remembers what was asked."""

    def __init__(self) -> None:
        self.catalogue = json.loads((RECORDED / "kpi_catalogue.json").read_text("utf-8"))
        self.asked: list[str] = []

    def __call__(self, url: str) -> bytes:
        self.asked.append(url)
        parts = urllib.parse.urlsplit(url)
        if "/kpi/" in parts.path and "/data/" not in parts.path:  # one key figure by its id
            kpi_id = urllib.parse.unquote(parts.path.rsplit("/", 1)[1])
            found = [k for k in self.catalogue if k["id"] == kpi_id]
            return json.dumps({"values": found, "count": len(found)}).encode()
        if parts.path.endswith("/kpi"):
            title = urllib.parse.parse_qs(parts.query)["title"][0]
            # Kolada's title search matches parts of titles.
            found = [k for k in self.catalogue if title.lower() in k["title"].lower()]
            return json.dumps({"values": found, "count": len(found)}).encode()
        if parts.path.endswith("/page2"):
            return (RECORDED / "data_page2.json").read_bytes()
        assert "/data/kpi/" in parts.path
        return (RECORDED / "data_page1.json").read_bytes()


def test_key_figures_are_pinned_or_found_by_their_title_for_regions() -> None:
    fetch = Recorded()
    ids = kolada.resolve_kpis(fetch, kolada.kpis(), {}, BASE)
    # Not the longer title containing it.
    assert ids["110"] == "N90001"
    # The ids Kolada is known to use are pinned in the seed, their titles checked.
    assert (ids["hs_exkl_tandvard"], ids["140"], ids["200"], ids["170"], ids["160"],
            ids["invanare"]) == ("N70060", "N80043", "N85012", "N60007", "N70059", "N01951")
    assert f"{BASE}/kpi/N70060" in fetch.asked
    assert set(ids) == {k.area_code for k in kolada.kpis()}


def test_a_title_is_found_whatever_its_punctuation_parentheses_and_case() -> None:
    wanted = [kolada.Kpi("hs", "NETTOKOSTNAD hälso- och sjukvård exkl. tandvård, kr/inv", "kr"),
              kolada.Kpi("inv", "Invånare totalt, antal", "persons")]
    # Not the municipal figure of the same title.
    assert kolada.resolve_kpis(Recorded(), wanted, {}, BASE) == {"hs": "N70060",
                                                                 "inv": "N01951"}


def test_a_pinned_id_whose_title_differs_fails_naming_the_id_and_both_titles() -> None:
    wanted = [kolada.Kpi("200", "Nettokostnad regional utveckling, kr/inv", "kr", "N85012")]
    with pytest.raises(kolada.KoladaError, match=r"N85012 is titled 'Nettokostnad regional "
                       r"utveckling totalt, kr/inv', seed kolada_kpis says 'Nettokostnad "
                       r"regional utveckling, kr/inv'"):
        kolada.resolve_kpis(Recorded(), wanted, {}, BASE)
    with pytest.raises(kolada.KoladaError, match="no key figure N00000"):
        kolada.resolve_kpis(Recorded(), [kolada.Kpi("x", "y", "kr", "N00000")], {}, BASE)


def test_a_title_kolada_does_not_have_fails_naming_it_and_the_way_out() -> None:
    wanted = [kolada.Kpi("110", "Nettokostnad primärvård per invånare", "kr")]
    with pytest.raises(kolada.KoladaError, match=r"primärvård per invånare.*--kpi 110="):
        kolada.resolve_kpis(Recorded(), wanted, {}, BASE)


def test_a_pinned_id_is_not_looked_up() -> None:
    fetch = Recorded()
    wanted = [k for k in kolada.kpis() if k.area_code == "110"]
    assert kolada.resolve_kpis(fetch, wanted, {"110": "N12345"}, BASE) == {"110": "N12345"}
    assert fetch.asked == []
    with pytest.raises(kolada.KoladaError, match="AREA=ID"):
        kolada.parse_pins(["999=N1"])


def test_values_follow_next_page_and_skip_what_kolada_has_not_published() -> None:
    fetch = Recorded()
    rows = kolada.fetch_values(fetch, {"110": "N90001", "invanare": "N90010"},
                               ["0000", "0025"], [2022, 2023], BASE)
    assert len(fetch.asked) == 2 and fetch.asked[1].endswith("/page2")
    by_region = {(r[2], r[4]): r[5] for r in rows if r[0] == "N90001"}
    assert by_region == {("0000", "T"): Decimal(4900), ("0025", "T"): Decimal(5430),
                         ("0024", "T"): Decimal(5200), ("0022", "T"): Decimal(5800),
                         ("0001", "T"): Decimal(4100)}  # 2023's null is left out
    sexes = sorted(r[4] for r in rows if r[0] == "N90010")
    assert sexes == ["K", "M", "T"]
    assert "/data/kpi/N90001,N90010/municipality/0000,0025/year/2022,2023" in fetch.asked[0]


def test_values_follow_next_url_as_well() -> None:
    fetch = Recorded()
    first = json.loads((RECORDED / "data_page1.json").read_text("utf-8"))
    first["next_url"] = first.pop("next_page")

    def answer(url: str) -> bytes:
        return json.dumps(first).encode() if url.endswith("2022,2023?per_page=5000") \
            else fetch(url)
    rows = kolada.fetch_values(answer, {"110": "N90001", "invanare": "N90010"},
                               ["0000", "0025"], [2022, 2023], BASE)
    assert len(rows) == 8 and fetch.asked[0].endswith("/page2")


def test_an_answer_in_another_shape_is_an_error_not_an_empty_fetch() -> None:
    with pytest.raises(kolada.KoladaError, match="no list 'values'"):
        kolada.fetch_values(lambda _url: b'{"data": []}', {"110": "N1"}, ["0025"], [2022], BASE)


def test_the_delivery_loads_into_raw_through_the_loader(tmp_path: Path) -> None:
    rows = kolada.fetch_values(Recorded(), {"110": "N90001", "invanare": "N90010"},
                               ["0000", "0025"], [2022], BASE)
    folder = kolada.write_delivery(rows, tmp_path / "landing", period="2024-03")
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert manifest["system"] == "kolada" and manifest["files"][0]["rows"] == len(rows) == 8
    warehouse = tmp_path / "w.duckdb"
    report = load_landing(warehouse, tmp_path / "landing", progress=lambda _m: None, demo=True)
    assert not report.rejected
    with duckdb.connect(str(warehouse), read_only=True) as con:
        loaded = con.execute("select kommun, varde from raw.kolada_values where kpi = 'N90001' "
                             "and kon = 'T' order by kommun").fetchall()
    assert loaded[:2] == [("0000", Decimal("4900.00")), ("0001", Decimal("4100.00"))]
    assert len(loaded) == 5


def test_offline_the_command_fails_with_a_clear_message(tmp_path: Path, capsys) -> None:
    # Port 9 (discard) on the loopback: the connection is refused at once, as offline.
    code = main(["--landing", str(tmp_path / "landing"), "--warehouse", str(tmp_path / "w.db"),
                 "kolada", "--base-url", "http://127.0.0.1:9/v3", "--timeout", "2"])
    assert code == 2
    err = capsys.readouterr().err
    assert "cannot reach Kolada at 127.0.0.1:9" in err and "offline" in err
    assert not (tmp_path / "landing" / "kolada").exists()


def test_help_explains_the_key_figures_and_the_regions() -> None:
    sub = next(a for a in parser()._actions if a.dest == "command")
    text = sub.choices["kolada"].format_help()
    for kpi in kolada.kpis():
        assert kpi.title in text
    assert "all 21 regions and the country" in text and "Region Västerbotten" in text
