"""The Kolada client follows a next page only to https on the API's own host: an answer cannot
send it to another server or to plain http."""

from __future__ import annotations

import json

import pytest

from norrlager.ingest.sources import kolada

BASE = "https://api.kolada.se/v3"


def _fetch_with_next(next_url: str):
    asked = []

    def fetch(url: str) -> bytes:
        asked.append(url)
        if len(asked) == 1:
            return json.dumps({"values": [], "count": 0, "next_page": next_url}).encode()
        return json.dumps({"values": [], "count": 0}).encode()
    return fetch, asked


@pytest.mark.parametrize("next_url", ["http://api.kolada.se/v3/data/page2",
                                      "https://evil.example/v3/data/page2",
                                      "https://api.kolada.se.evil.example/page2",
                                      "file:///etc/passwd", "ftp://api.kolada.se/x"])
def test_a_next_page_elsewhere_is_not_followed(next_url: str) -> None:
    fetch, asked = _fetch_with_next(next_url)
    with pytest.raises(kolada.KoladaError, match="not followed"):
        kolada.fetch_values(fetch, {"110": "N1"}, ["0025"], [2022], BASE)
    assert len(asked) == 1


@pytest.mark.parametrize("field", ["next_page", "next_url"])
def test_a_next_page_on_the_same_host_is_followed(field: str) -> None:
    asked = []

    def fetch(url: str) -> bytes:
        asked.append(url)
        if len(asked) == 1:
            return json.dumps({"values": [], field: f"{BASE}/data/page2"}).encode()
        return json.dumps({"values": []}).encode()
    kolada.fetch_values(fetch, {"110": "N1"}, ["0025"], [2022], BASE)
    assert asked[1] == f"{BASE}/data/page2"
