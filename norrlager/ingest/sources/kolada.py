"""Peers from Kolada: fetch chosen key figures for every region and the country from Kolada's
public API (RKA, https://api.kolada.se/v3) and write them as a delivery of the source `kolada`.

The key figures are named by their Kolada titles in seed kolada_kpis (one documented place,
with the activity area each stands for); their ids are looked up in Kolada's catalogue at fetch
time (`--kpi AREA=ID` pins one), so a renamed figure fails with its title, not with a wrong
number. The regions are seed kolada_regions (Kolada ids: "00" and the county code; "0000" is
the country). The delivery goes through the same manifest-and-load path as every source:
a CSV and a manifest under landing/kolada/<YYYY-MM>/, checked by the loader's own rules.
Responses are read in the API's documented JSON shape:
{"values": [{"kpi", "municipality", "period", "values": [{"gender", "value", ...}]}],
 "count": n, "next_page": url or absent}.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd

from norrlager.ingest.contracts import KOLADA_VALUES
from norrlager.ingest.writing import write_extract
from norrlager.reference import read_seed

BASE_URL = "https://api.kolada.se/v3"
CSV_NAME = "kolada_values.csv"
# Kolada's page size limit; ids per request are kept few so that URLs stay short.
PER_PAGE = 5000
IDS_PER_REQUEST = 25

Fetch = Callable[[str], bytes]


class KoladaError(RuntimeError):
    """Kolada could not be reached, or answered what the client cannot use."""


@dataclass(frozen=True)
class Kpi:
    area_code: str
    title: str
    unit: str
    kolada_id: str = ""  # pinned in the seed; empty: looked up by the title


@dataclass(frozen=True)
class Region:
    kolada_id: str
    name: str
    is_country: bool
    is_home: bool
    is_peer: bool


def kpis() -> list[Kpi]:
    return [Kpi(r["area_code"], r["kolada_title"], r["unit"], r["kolada_id"])
            for r in read_seed("kolada_kpis")]


def regions() -> list[Region]:
    return [Region(r["kolada_id"], r["region"], r["is_country"] == "true",
                   r["is_home_region"] == "true", r["is_peer"] == "true")
            for r in read_seed("kolada_regions")]


def http_fetch(timeout: float) -> Fetch:
    """GET a URL; an unreachable API is a KoladaError that says so."""
    def fetch(url: str) -> bytes:
        request = urllib.request.Request(url, headers={"Accept": "application/json",
                                                       "User-Agent": "norrlager"})
        try:
            with urllib.request.build_opener(_SameHostRedirects).open(
                    request, timeout=timeout) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            raise KoladaError(f"Kolada answered {exc.code} {exc.reason} for {url}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise KoladaError(
                f"cannot reach Kolada at {urllib.parse.urlsplit(url).netloc} ({reason}): this "
                "machine is offline or the API is blocked. Run `norrlager kolada` where "
                "api.kolada.se can be reached, then copy landing/kolada/ to this landing "
                "area; the refresh loads it like any delivery.") from exc
    return fetch


def check_next(url: str, first: str) -> str:
    """A next-page URL Kolada gave, if it may be followed: https, on the host the listing
    started on (an answer must not send the client to another server or to plain http)."""
    got, start = urllib.parse.urlsplit(url), urllib.parse.urlsplit(first)
    if got.scheme != "https" or got.netloc != start.netloc:
        shown = url[:120].encode("unicode_escape").decode("ascii")
        raise KoladaError(f"Kolada's next page {shown!r} is not an https URL on "
                          f"{start.netloc}: not followed")
    return url


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to https on the same host."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_next(newurl, req.full_url)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _pages(fetch: Fetch, url: str) -> Iterator[dict]:
    """Every page of a listing, following next_page (v3 also calls it next_url), only to
    https on the listing's own host."""
    seen = set()
    first = url
    while url:
        if url in seen:
            raise KoladaError(f"Kolada's next_page points back to {url}")
        seen.add(url)
        try:
            page = json.loads(fetch(url))
        except json.JSONDecodeError as exc:
            raise KoladaError(f"Kolada's answer to {url} is not JSON: {exc}") from exc
        if not isinstance(page, dict) or not isinstance(page.get("values"), list):
            raise KoladaError(f"Kolada's answer to {url} has no list 'values'")
        yield page
        url = page.get("next_page") or page.get("next_url") or ""
        if url:
            check_next(str(url), first)


def _norm(title: str) -> str:
    """A title with punctuation, parentheses and case set aside: Kolada writes "(exkl.
    tandvård)" where a report writes "exkl. tandvård"."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", title)).strip().casefold()


def _check_title(fetch: Fetch, kpi: Kpi, base_url: str) -> None:
    """The seed's id names the figure the seed's title says, in Kolada's catalogue."""
    url = f"{base_url}/kpi/{urllib.parse.quote(kpi.kolada_id, safe='')}"
    values = [v for page in _pages(fetch, url) for v in page["values"]
              if str(v.get("id")) == kpi.kolada_id]
    if not values:
        raise KoladaError(f"Kolada has no key figure {kpi.kolada_id} (seed kolada_kpis, area "
                          f"{kpi.area_code}, {kpi.title!r})")
    title = str(values[0].get("title", ""))
    if _norm(title) != _norm(kpi.title):
        raise KoladaError(f"Kolada's key figure {kpi.kolada_id} is titled {title!r}, seed "
                          f"kolada_kpis says {kpi.title!r} (area {kpi.area_code}): the id may "
                          "have been reused; check it and fix the seed")


def resolve_kpis(fetch: Fetch, wanted: list[Kpi], pinned: dict[str, str],
                 base_url: str = BASE_URL) -> dict[str, str]:
    """area code -> Kolada KPI id: pinned with --kpi as given; pinned in the seed after its
    title is checked; the others by their title among the catalogue's key figures for regions
    (municipality_type L or A)."""
    out = {}
    for kpi in wanted:
        if kpi.area_code in pinned:
            out[kpi.area_code] = pinned[kpi.area_code]
            continue
        if kpi.kolada_id:
            _check_title(fetch, kpi, base_url)
            out[kpi.area_code] = kpi.kolada_id
            continue
        # Kolada's search matches a part of the title as written; the first words (up to any
        # punctuation) find the figure whichever way its qualifiers are written.
        stem = " ".join(re.match(r"[\w\s-]*", kpi.title).group().split()[:3]) or kpi.title
        query = urllib.parse.urlencode({"title": stem, "per_page": PER_PAGE})
        found = [v for page in _pages(fetch, f"{base_url}/kpi?{query}") for v in page["values"]]
        exact = [v for v in found if _norm(str(v.get("title", ""))) == _norm(kpi.title)
                 and v.get("municipality_type", "L") in ("L", "A")]
        if len(exact) != 1:
            near = ", ".join(sorted(str(v.get("title")) for v in found)[:5]) or "none"
            raise KoladaError(
                f"Kolada has {len(exact)} key figures for regions titled {kpi.title!r} "
                f"(seed kolada_kpis, area {kpi.area_code}); titles found: {near}. Fix the "
                f"seed's title or pin the id with --kpi {kpi.area_code}=<id>")
        out[kpi.area_code] = str(exact[0]["id"])
    return out


def fetch_values(fetch: Fetch, kpi_ids: dict[str, str], region_ids: list[str],
                 years: list[int], base_url: str = BASE_URL) -> list[tuple]:
    """(kpi, area code, region id, year, sex, value) for every value Kolada has; values Kolada
    has not published (null) are left out."""
    area_of = {v: k for k, v in kpi_ids.items()}
    ids = sorted(area_of)
    rows = []
    for i in range(0, len(ids), IDS_PER_REQUEST):
        chunk = ",".join(ids[i:i + IDS_PER_REQUEST])
        url = (f"{base_url}/data/kpi/{chunk}/municipality/{','.join(region_ids)}"
               f"/year/{','.join(str(y) for y in years)}?per_page={PER_PAGE}")
        for page in _pages(fetch, url):
            for item in page["values"]:
                kpi, region = str(item.get("kpi")), str(item.get("municipality"))
                if kpi not in area_of:
                    raise KoladaError(f"Kolada answered key figure {kpi}, which was not asked")
                for cell in item.get("values") or []:
                    if cell.get("value") is None:
                        continue
                    rows.append((kpi, area_of[kpi], region, int(item["period"]),
                                 str(cell.get("gender", "T")), Decimal(str(cell["value"]))))
    return rows


def write_delivery(rows: list[tuple], landing: Path, period: str | None = None) -> Path:
    """Write the values as the delivery landing/kolada/<period>/ (a CSV in the extract format
    and a manifest written by the loader's own checks); returns the folder."""
    from norrlager.ingest.make_manifest import make_manifest

    period = period or datetime.now(UTC).strftime("%Y-%m")
    folder = landing / "kolada" / period
    # The extract writer takes amounts in öre (hundredths), as every simulated system's.
    frame = pd.DataFrame(sorted(rows), columns=["kpi", "omrade", "kommun", "ar", "kon", "varde"])
    frame["varde"] = [int(v.quantize(Decimal("0.01")) * 100) for v in frame.varde]
    with duckdb.connect() as con:
        write_extract(con, frame.assign(period=period), KOLADA_VALUES, folder / CSV_NAME)
    make_manifest(folder, system="kolada", period=period, force=True)
    return folder


def parse_pins(pins: list[str]) -> dict[str, str]:
    """--kpi AREA=ID options -> {area: id}."""
    known = {k.area_code for k in kpis()}
    out = {}
    for pin in pins:
        area, sep, kpi_id = pin.partition("=")
        if not sep or area not in known or not kpi_id:
            raise KoladaError(f"--kpi {pin!r}: give AREA=ID with AREA one of "
                              f"{', '.join(sorted(known))}")
        out[area] = kpi_id
    return out


def describe() -> str:
    """The key figures and regions, for --help."""
    lines = ["key figures (seed kolada_kpis; AREA: Kolada title):"]
    lines += [f"  {k.area_code:<17} {k.title}" for k in kpis()]
    known = regions()
    home = [r.name for r in known if r.is_home]
    peers = [r.name for r in known if r.is_peer]
    n = sum(1 for r in known if not r.is_country)
    lines += ["", f"regions (seed kolada_regions): all {n} regions and the country (Riket, "
              f"0000); home region {', '.join(home)}; peers of similar size: "
              f"{', '.join(peers)}."]
    return "\n".join(lines)
