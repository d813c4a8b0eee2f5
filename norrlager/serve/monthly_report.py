"""The månadsrapport: one static HTML page per month for the region's controllers and council,
drawn from the serving database's follow_up marts: the income statement so far against the
periodised budget and last year, the full-year forecast with how well the forecast did at the
same month in earlier years, the divisions' deviations, and the balance-requirement forecast.

Pages are small and need no script: tables and inline SVG, every value escaped."""

from __future__ import annotations

import html
import os
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import duckdb

from norrlager.serve.svg import horizontal_bars, month_lines

FOLDER = "manadsrapport"
MNKR = 1e6
COLUMNS = ("Utfall ack.", "Budget ack.", "Avvikelse", "Utfall ack. fg. år", "Helårsbudget",
           "Helårsprognos")
STYLE = """
body { font-family: Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1100px;
       color: #212121; }
h1 { font-size: 1.7rem; } h2 { border-bottom: 2px solid #1565c0; padding-bottom: .2rem; }
table { border-collapse: collapse; font-size: .9rem; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid #e0e0e0; padding: .3rem .6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
#divisions td:last-child, #divisions th:last-child { text-align: left; }
tr.total td { font-weight: bold; } .negative { color: #c62828; } .meta { color: #616161; }
"""


def _mnkr(value: float | Decimal | None) -> str:
    if value is None:
        return "–"
    text = f"{float(value) / MNKR:,.1f}".replace(",", "\u202f").replace("-", "−")
    css = ' class="negative"' if value < 0 else ""
    return f"<span{css}>{html.escape(text)}</span>"


def _income_statement(con: duckdb.DuckDBPyConnection, period: str) -> str:
    rows = con.execute("""
        select coalesce(line, line_code),
               line_code in ('verksamhetens_nettokostnad', 'arets_resultat'),
               actual_ytd_sek, budget_ytd_sek, deviation_ytd_sek,
               actual_ytd_previous_year_sek, budget_full_year_sek, forecast_full_year_sek
        from follow_up.monthly_result
        where level = 'region' and period = ? order by line_order""", [period]).fetchall()
    head = "".join(f"<th>{html.escape(c)}</th>" for c in ("Rad", *COLUMNS))
    body = []
    for label, total, *values in rows:
        cells = "".join(f"<td>{_mnkr(v)}</td>" for v in values)
        css = ' class="total"' if total else ""
        body.append(f"<tr{css}><td>{html.escape(str(label))}</td>{cells}</tr>")
    return (f'<table id="income-statement"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


LINES = {"arets_resultat": "Årets resultat", "verksamhetens_nettokostnad": "Nettokostnad"}
METHODS = {"model": "Prognosmodellen", "budget": "Budgeten", "run_rate": "Ack. × 12 / mån."}


def _forecast_chart(con: duckdb.DuckDBPyConnection, year: int, month: int, line: str) -> str:
    points = con.execute("""select month_number, forecast_full_year_sek / 1e6,
            budget_full_year_sek / 1e6
        from follow_up.monthly_result
        where level = 'region' and fiscal_year = ? and month_number <= ? and line_code = ?
        order by month_number""", [year, month, line]).fetchall()
    series = {"Prognos": [(int(m), float(f)) for m, f, _ in points if f is not None],
              "Budget": [(int(m), float(b)) for m, _, b in points if b is not None]}
    return month_lines(series, f"{LINES[line]}: helårsprognos efter varje månad, mnkr",
                       f"chart-forecast-{line}")


def _forecast(con: duckdb.DuckDBPyConnection, year: int, month: int) -> str:
    charts = "".join(_forecast_chart(con, year, month, line) for line in LINES)
    errors = con.execute("""
        select line_code, method, avg(abs(error_sek)), count(distinct forecast_year)
        from follow_up.forecast_backtest
        where level = 'region' and forecast_month = ? and forecast_year < ?
          and line_code in ('verksamhetens_nettokostnad', 'arets_resultat')
        group by all order by line_code desc, method""", [month, year]).fetchall()
    if month == 12:
        note = "<p>Året är slut: prognosen är årets utfall (the year is closed).</p>"
    elif not errors:
        note = "<p>Inget tidigare år att pröva prognosen mot (no earlier year to test on).</p>"
    else:
        rows = "".join(
            f"<tr><td>{html.escape(LINES[line])}</td>"
            f"<td>{html.escape(METHODS.get(method, method))}</td><td>{_mnkr(mae)}</td>"
            f"<td>{int(years)}</td></tr>" for line, method, mae, years in errors)
        note = ("<p>Hur träffsäker prognosen varit efter samma månad tidigare år: medelabsolutfel "
                "mot årets utfall (the backtest's mean absolute error after this month).</p>"
                '<table id="backtest"><thead><tr><th>Rad</th><th>Metod</th><th>Medelfel, mnkr'
                f"</th><th>År</th></tr></thead><tbody>{rows}</tbody></table>")
    return charts + note


def _divisions(con: duckdb.DuckDBPyConnection, period: str) -> str:
    rows = con.execute("""select unit_name, deviation_ytd_sek, actual_ytd_sek,
            budget_full_year_sek, forecast_full_year_sek, controllers_forecast_sek,
            controllers_comment
        from follow_up.monthly_result
        where level = 'division' and period = ? and line_code = 'verksamhetens_nettokostnad'
        order by deviation_ytd_sek nulls last, unit_name""", [period]).fetchall()
    bars = [(str(r[0]), float(r[1]) / MNKR) for r in rows if r[1] is not None]
    chart = horizontal_bars(bars, "Nettokostnad: avvikelse mot budget hittills (mnkr, negativt "
                            "= sämre)", "chart-divisions") if bars else (
        "<p>Ingen budget för året (no budget this year).</p>")
    body = "".join(
        f"<tr><td>{html.escape(str(name))}</td>{''.join(f'<td>{_mnkr(v)}</td>' for v in values)}"
        f"<td>{html.escape(comment or '')}</td></tr>"
        for name, _dev, *values, comment in rows)
    table = ('<table id="divisions"><thead><tr><th>Division</th><th>Utfall ack.</th>'
             "<th>Helårsbudget</th><th>Helårsprognos (modellen)</th><th>Divisionens egen "
             f"prognos</th><th>Kommentar</th></tr></thead><tbody>{body}</tbody></table>")
    return chart + table


def _balance_requirement(con: duckdb.DuckDBPyConnection, period: str) -> str:
    rows = con.execute("""select line, forecast_full_year_sek, actual_ytd_sek
        from follow_up.balance_requirement_forecast where period = ? order by line_order""",
                 [period]).fetchall()
    body = "".join(f"<tr><td>{html.escape(str(line))}</td><td>{_mnkr(ytd)}</td>"
                   f"<td>{_mnkr(forecast)}</td></tr>" for line, forecast, ytd in rows)
    return ('<table id="balance-requirement"><thead><tr><th>Rad</th><th>Utfall ack.</th>'
            f"<th>Helårsprognos</th></tr></thead><tbody>{body}</tbody></table>")


def page(con: duckdb.DuckDBPyConnection, period: str) -> str:
    year, month = int(period[:4]), int(period[5:])
    sections = [
        ("Resultaträkning hittills i år (Income statement, year to date), mnkr",
         _income_statement(con, period)),
        ("Helårsprognos (Full-year forecast)", _forecast(con, year, month)),
        ("Divisionernas avvikelse mot budget (Divisions' deviations)", _divisions(con, period)),
        ("Balanskravet (Balance requirement), mnkr", _balance_requirement(con, period)),
    ]
    body = "".join(f"<section><h2>{html.escape(t)}</h2>{s}</section>" for t, s in sections)
    return f"""<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8">
<title>Månadsrapport {html.escape(period)}</title><style>{STYLE}</style></head><body>
<p><a href="../index.html">Årsredovisningen i bilder</a></p>
<h1>Månadsrapport {html.escape(period)} (Monthly report)</h1>
<p class="meta">Built by Norrlager {datetime.now():%Y-%m-%d %H:%M} from the serving database
(follow_up.monthly_result, forecast_backtest). Belopp i mnkr; intäkter positiva, kostnader
negativa; avvikelse = utfall − budget.</p>
{body}
</body></html>"""


def report_periods(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The months of the latest year followed up: a refresh's newest month is among them."""
    return [p for (p,) in con.execute("""select distinct period from follow_up.monthly_result
        where fiscal_year = (select max(fiscal_year) from follow_up.monthly_result)
        order by period""").fetchall()]


def build_monthly_reports(serving: Path, folder: Path) -> list[Path]:
    """A page per month of the latest year, each written atomically and only when it changed
    (a monthly refresh rewrites the month it loaded, not the year); earlier years' pages stay.
    Returns the pages written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with duckdb.connect(str(serving), read_only=True) as con:
        if not con.execute("""select count(*) from duckdb_tables() where schema_name =
                'follow_up' and table_name = 'monthly_result'""").fetchone()[0]:
            return []
        for period in report_periods(con):
            out, text = folder / f"{period}.html", page(con, period)
            if out.exists() and out.read_text(encoding="utf-8") == text:
                continue
            tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, out)
            written.append(out)
    return written
