"""The månadsrapport: a page per month of the latest year beside the report, linked from it,
rendered in a real browser; its figures are the follow_up marts', every label escaped."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import duckdb
import pytest
from conftest import CHROMIUM_FLAGS, chromium, dump_dom

from norrlager.config import PROJECT_DIR
from norrlager.serve.monthly_report import build_monthly_reports
from norrlager.serve.publish import publish
from norrlager.serve.svg import horizontal_bars, month_lines

HOSTILE = '"><img src=x onerror=alert(7)>'


@pytest.fixture(scope="module")
def pages(demo, tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("monthly")
    result = publish(demo.warehouse, root / "serving" / "norrlager.duckdb")
    return result.serving, result.report


def test_charts_escape_their_labels() -> None:
    page = horizontal_bars([(HOSTILE, -5.0), ("Division Nära", 3.0)], HOSTILE, "c1")
    page += month_lines({HOSTILE: [(1, 2.0), (2, 3.0)]}, "t", "c2")
    assert "<img" not in page and "&lt;img" in page


def test_a_page_per_month_of_the_latest_year_linked_from_the_report(pages) -> None:
    serving, report = pages
    folder = report.parent / "manadsrapport"
    assert sorted(p.stem for p in folder.glob("*.html")) == [f"2023-{m:02d}" for m in range(1, 13)]
    index = report.read_text(encoding="utf-8")
    assert 'href="manadsrapport/2023-08.html"' in index
    page = (folder / "2023-08.html").read_text(encoding="utf-8")
    with duckdb.connect(str(serving), read_only=True) as con:
        ytd, forecast = con.execute("""select actual_ytd_sek, forecast_full_year_sek
            from follow_up.monthly_result where level = 'region' and period = '2023-08'
              and line_code = 'arets_resultat'""").fetchone()
    row = re.search(r"<tr class=\"total\"><td>Årets resultat</td>(.*?)</tr>", page)
    assert row is not None
    cells = re.findall(r"<td><span[^>]*>(.*?)</span></td>", row.group(1))
    shown = [c.replace("\u202f", "").replace("−", "-") for c in cells]
    assert shown[0] == f"{float(ytd) / 1e6:.1f}" and shown[-1] == f"{float(forecast) / 1e6:.1f}"
    # The divisions' own forecasts (system forecast) beside the model's: September shows August's.
    september = (folder / "2023-09.html").read_text(encoding="utf-8")
    assert september.count("Divisionens prognos efter augusti") == 11


def test_a_page_is_rewritten_only_when_it_changed(pages) -> None:
    serving, report = pages
    folder = report.parent / "manadsrapport"
    assert build_monthly_reports(serving, folder) == []
    stale = folder / "2023-05.html"
    stale.write_text("last month's figures", encoding="utf-8")
    assert build_monthly_reports(serving, folder) == [stale]
    assert "Årets resultat" in stale.read_text(encoding="utf-8")


@pytest.mark.skipif(chromium() is None, reason="Chromium (Debian package chromium) is not "
                    "installed; .ci/run installs it")
def test_the_pages_of_august_and_december_render_in_chromium(pages, tmp_path) -> None:
    _, report = pages
    for period in ("2023-08", "2023-12"):
        page = report.parent / "manadsrapport" / f"{period}.html"
        dom = dump_dom(page.as_uri(), tmp_path / f"p-{period}")
        for part in ('id="income-statement"', 'id="chart-forecast-arets_resultat"',
                     'id="chart-divisions"', 'id="balance-requirement"'):
            assert part in dom, f"{period}: {part} missing"
        assert dom.count("<svg") == 3 and dom.count("<rect") > 10
    shot = PROJECT_DIR / "target" / "manadsrapport-2023-08.png"
    shot.parent.mkdir(exist_ok=True)
    subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'shot'}",
                    "--window-size=1200,2900", f"--screenshot={shot}",
                    (report.parent / "manadsrapport" / "2023-08.html").as_uri()],
                   capture_output=True, timeout=120, check=True)
    assert shot.stat().st_size > 50_000
