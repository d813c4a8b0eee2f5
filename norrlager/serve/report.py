"""The annual report in pictures: a static, self-contained HTML page built by every refresh from
the serving database (what BI tools see), with Plotly charts and plotly.js inlined so that it
opens anywhere, offline."""

from __future__ import annotations

import html
import os
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

STATUS_COLOURS = {"match": "#2e7d32", "known_conflict": "#f9a825", "mismatch": "#c62828",
                  "missing": "#6a1b9a", "not_built": "#9e9e9e", "input": "#1565c0"}
BLUE, RED, GREY = "#1565c0", "#c62828", "#9e9e9e"


def _q(con: duckdb.DuckDBPyConnection, sql: str) -> pd.DataFrame:
    return con.execute(sql).df()


def _no_data(title: str, chart_id: str) -> str:
    """A chart whose data is not there yet (e.g. a year without budget) still renders."""
    fig = go.Figure()
    fig.add_annotation(text="Inga data ännu (no data yet)", showarrow=False,
                       x=0.5, y=0.5, xref="paper", yref="paper", font={"size": 16})
    fig.update_layout(title=title, xaxis={"visible": False}, yaxis={"visible": False})
    return _figure_html(fig, chart_id)


def _figure_html(fig: go.Figure, chart_id: str, height: int = 420) -> str:
    fig.update_layout(template="plotly_white", margin={"l": 60, "r": 20, "t": 50, "b": 60},
                      height=height, font={"family": "Helvetica, Arial, sans-serif"})
    return fig.to_html(full_html=False, include_plotlyjs=False, div_id=chart_id,
                       config={"displaylogo": False, "responsive": True})


def chart_result_against_budget(con) -> str:
    df = _q(con, """select line_order, line, fiscal_year, scenario, amount_sek / 1e6 as mnkr
        from operating_accounts.income_statement
        where fiscal_year = (select max(fiscal_year) from operating_accounts.income_statement
                             where scenario = 'budget')
        order by line_order""")
    if df.empty:
        return _no_data("Resultaträkning mot budget (Income statement vs budget)",
                        "chart-income-statement")
    fig = go.Figure()
    for scenario, name, colour in (("utfall", "Utfall", BLUE), ("budget", "Budget", GREY)):
        part = df[df.scenario == scenario]
        fig.add_bar(x=part.line, y=part.mnkr, name=name, marker_color=colour,
                    hovertemplate="%{x}: %{y:,.0f} mnkr<extra>" + name + "</extra>")
    year = int(df.fiscal_year.max())
    fig.update_layout(title=f"Resultaträkning {year} mot budget (Income statement vs budget), "
                            "mnkr", barmode="group", yaxis_title="mnkr")
    return _figure_html(fig, "chart-income-statement")


def chart_result_over_years(con) -> str:
    df = _q(con, """select fiscal_year, metric, amount_sek / 1e6 as mnkr
        from operating_accounts.financial_overview
        where metric in ('Resultat', 'Balanskravsresultat', 'Verksamhetens resultat')
          and fiscal_year >= 2019 order by fiscal_year""")
    if df.empty:
        return _no_data("Resultat 2019–2023 (Result over five years)", "chart-result-years")
    fig = go.Figure()
    for metric, part in df.groupby("metric", sort=False):
        fig.add_scatter(x=part.fiscal_year, y=part.mnkr, mode="lines+markers", name=metric)
    fig.update_layout(title="Resultat 2019–2023 (Result over five years), mnkr",
                      xaxis={"dtick": 1}, yaxis_title="mnkr")
    return _figure_html(fig, "chart-result-years")


def chart_division_deviation(con) -> str:
    df = _q(con, """select division, deviation_sek / 1e6 as mnkr
        from operating_accounts.net_cost_by_division
        where fiscal_year = (select max(fiscal_year) from operating_accounts.net_cost_by_division
                             where deviation_sek is not null)
        order by mnkr""")
    if df.empty:
        return _no_data("Budgetavvikelse per division (Budget deviation per division)",
                        "chart-division-deviation")
    fig = go.Figure(go.Bar(x=df.mnkr, y=df.division, orientation="h",
                           marker_color=[RED if v < 0 else BLUE for v in df.mnkr],
                           hovertemplate="%{y}: %{x:,.0f} mnkr<extra></extra>"))
    fig.update_layout(title="Budgetavvikelse per division och verksamhet (Budget deviation per "
                            "division), mnkr", xaxis_title="mnkr (negativt = underskott)")
    return _figure_html(fig, "chart-division-deviation")


def _yearly_bars(con, sql: str, title: str, chart_id: str, barmode: str = "stack",
                 unit: str = "") -> str:
    """A bar per year and series; the query returns (year, series, value)."""
    df = _q(con, sql)
    if df.empty:
        return _no_data(title, chart_id)
    year, series, value = df.columns[:3]
    fig = go.Figure()
    for name, part in df.groupby(series, sort=False):
        fig.add_bar(x=part[year].astype(str), y=part[value], name=name)
    fig.update_layout(title=title + (f", {unit}" if unit else ""), barmode=barmode,
                      yaxis_title=unit or None)
    return _figure_html(fig, chart_id)


def chart_purchased_care(con) -> str:
    return _yearly_bars(con, """select fiscal_year, provider_name, sum(cost_sek) / 1e6 as mnkr
        from purchased_care.purchased_care_monthly
        where category in (select category from purchased_care.purchased_care_by_category
                           where report_group_code = 'kopt_utomlansvard')
        group by all order by fiscal_year, mnkr desc""",
                        "Köpt utomlänsvård per sjukhus (Out-of-county care per provider)",
                        "chart-purchased-care", unit="mnkr")


def chart_purchased_categories(con) -> str:
    return _yearly_bars(con, """select fiscal_year, category, cost_sek / 1e6 as mnkr
        from purchased_care.purchased_care_by_category order by fiscal_year, category""",
                        "Köp av verksamhet och sjukresor per kategori (Purchased care and "
                        "patient transport by category)", "chart-purchased-categories",
                        barmode="group", unit="mnkr")


def chart_reconciliation(con) -> str:
    df = _q(con, """select "table", status, count(*) as n from annual_report.reconciliation
        group by all order by "table" """)
    fig = go.Figure()
    for status, colour in STATUS_COLOURS.items():
        part = df[df.status == status]
        fig.add_bar(y=part["table"], x=part.n, name=status, orientation="h",
                    marker_color=colour)
    fig.update_layout(title="Avstämning mot den publicerade årsredovisningen (Reconciliation "
                            "with the published report), antal siffror", barmode="stack")
    return _figure_html(fig, "chart-reconciliation", height=900)


def chart_sick_leave(con) -> str:
    df = _q(con, """select calendar_year, breakdown_value, sick_percent
        from personnel.sick_leave_yearly where breakdown in ('all', 'sex')
        order by calendar_year, breakdown_value""")
    if df.empty:
        return _no_data("Sjukfrånvaro (Sick leave)", "chart-sick-leave")
    fig = go.Figure()
    names = {"Alla": "Totalt", "K": "Kvinnor", "M": "Män"}
    for value, part in df.groupby("breakdown_value", sort=False):
        fig.add_scatter(x=part.calendar_year.astype(str), y=part.sick_percent,
                        name=names.get(value, value), mode="lines+markers")
    fig.update_layout(title="Sjukfrånvaro i procent av ordinarie arbetstid (Sick leave, percent "
                            "of scheduled hours)", yaxis_title="%")
    return _figure_html(fig, "chart-sick-leave")


def chart_headcount(con) -> str:
    df = _q(con, """select occupational_group, year(month_end) as calendar_year,
        sum(headcount) as headcount from personnel.headcount_monthly
        where month(month_end) = 12 and year(month_end) >= 2022 group by all order by 1, 2""")
    if df.empty:
        return _no_data("Anställda per yrkesgrupp (Employees by occupational group)",
                        "chart-headcount")
    fig = go.Figure()
    for year, part in df.groupby("calendar_year", sort=True):
        fig.add_bar(y=part.occupational_group, x=part.headcount, name=str(year),
                    orientation="h")
    fig.update_layout(title="Anställda per yrkesgrupp 31 december (Employees by occupational "
                            "group)", barmode="group")
    return _figure_html(fig, "chart-headcount", height=600)


def chart_hired_staff(con) -> str:
    return _yearly_bars(con, """select fiscal_year, care_area, sum(amount_sek) / 1e6 as mnkr
        from personnel.hired_staff_yearly group by all order by 1, 2""",
                        "Inhyrd personal per vårdområde (Hired staff by care area)",
                        "chart-hired-staff", unit="mnkr")


def chart_visits(con) -> str:
    # From the annual report's own table, not contacts_monthly: its small rows are hidden.
    return _yearly_bars(con, """select period, line, value from annual_report.figures
        where "table" = 'vardproduktion_besok' and unit = 'visits' and line like '%|%'
          and line not like '%| Summa' order by 1, 2""",
                        "Besök och distanskontakter per vårdtyp och yrkeskategori (Visits by "
                        "care type and caregiver category)", "chart-visits")


def chart_waiting_times(con) -> str:
    df = _q(con, """select month_end, waiting_kind,
        100.0 * sum(patients_within_target) / sum(patients_waiting) as percent
        from waiting_times.waiting_times_monthly group by all order by 1, 2""")
    if df.empty:
        return _no_data("Väntetider (Waiting times)", "chart-waiting-times")
    fig = go.Figure()
    for kind, part in df.groupby("waiting_kind", sort=False):
        fig.add_scatter(x=part.month_end, y=part.percent, name=kind, mode="lines+markers")
    fig.add_hline(y=100, line_dash="dot", annotation_text="Vårdgarantin: 100 %")
    fig.update_layout(title="Andel som väntat inom vårdgarantin vid månadens slut (Share within "
                            "the care guarantee at month end), %", yaxis_title="%")
    return _figure_html(fig, "chart-waiting-times")


def chart_peers(con) -> str:
    """Net cost per inhabitant by area: the region's own figure beside the country and the
    peers (Kolada), for the latest year Kolada has; without a Kolada fetch, a note saying so."""
    title = "Nettokostnad per invånare jämfört med riket och liknande regioner (kr)"
    df = _q(con, """select area, own_kr, country_kr, peer_average_kr, fiscal_year
        from national_reporting.net_cost_per_inhabitant_vs_peers
        where fiscal_year = (select max(fiscal_year)
                             from national_reporting.net_cost_per_inhabitant_vs_peers
                             where country_kr is not null and own_kr is not null)
          and own_kr is not null
        order by area""")
    if df.empty:
        return _no_data(title + " — run `norrlager kolada` to fetch the peers",
                        "chart-peers")
    fig = go.Figure()
    for column, name in (("own_kr", "Egen (the warehouse)"), ("country_kr", "Riket"),
                         ("peer_average_kr", "Liknande regioner (peers)")):
        fig.add_bar(x=df.area, y=df[column], name=name)
    fig.update_layout(title=f"{title}, {int(df.fiscal_year.iloc[0])}", barmode="group",
                      yaxis_title="kr per inhabitant")
    return _figure_html(fig, "chart-peers")


def _table(df: pd.DataFrame, classes: str = "") -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    rows = []
    for _, r in df.iterrows():
        cells = "".join(f"<td>{html.escape('' if pd.isna(v) else str(v))}</td>" for v in r)
        status = r.get("status", "")
        rows.append(f'<tr class="{html.escape(str(status))}">{cells}</tr>')
    return f'<table class="{classes}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}' \
           "</tbody></table>"


def conflicts_table(con) -> str:
    df = _q(con, """select "table" as tabell, line as rad, period, published_value as publicerat,
        warehouse_value as lagret, status, conflict_reason as orsak
        from annual_report.reconciliation where status in ('known_conflict', 'mismatch', 'missing')
        order by status desc, "table", line, period""")
    return _table(df, "conflicts")


def not_built(con) -> list[str]:
    """The figures seed report_coverage declares not computed, with its reason."""
    rows = con.execute("""select "table", min(line), count(*), any_value(not_built_reason)
        from annual_report.reconciliation where status = 'not_built'
        group by all order by all""").fetchall()
    return [f"{table}: {line if n == 1 else f'{n} figures'}: {reason}"
            for table, line, n, reason in rows]


def monthly_links(pages: list[Path]) -> str:
    """The månadsrapport pages beside the report (folder manadsrapport/), newest first."""
    if not pages:
        return "<p>Inga månadsrapporter ännu (no monthly reports yet).</p>"
    items = "".join(f'<li><a href="{html.escape(p.parent.name)}/{html.escape(p.name)}">'
                    f"{html.escape(p.stem)}</a></li>" for p in sorted(pages, reverse=True))
    return f'<ul id="monthly-reports">{items}</ul>'


def build_report(serving: Path, out: Path, monthly: list[Path] | None = None) -> Path:
    """Write the report to `out` (an HTML file) atomically, linking the månadsrapport pages
    `monthly`; returns its path."""
    with duckdb.connect(str(serving), read_only=True) as con:
        status = dict(con.execute("select status, count(*) from annual_report.reconciliation "
                                  "group by all").fetchall())
        sections = [
            ("Resultat och budget (Result and budget)",
             [chart_result_against_budget(con), chart_result_over_years(con)]),
            ("Divisioner (Divisions)", [chart_division_deviation(con)]),
            ("Nationell jämförelse (Kolada peers)", [chart_peers(con)]),
            ("Köpt vård (Purchased care)",
             [chart_purchased_care(con), chart_purchased_categories(con)]),
            ("Personal (Personnel)",
             [chart_headcount(con), chart_sick_leave(con), chart_hired_staff(con)]),
            ("Vårdproduktion och tillgänglighet (Care production and accessibility)",
             [chart_visits(con), chart_waiting_times(con)]),
            ("Avstämning (Reconciliation)", [chart_reconciliation(con), conflicts_table(con)]),
        ]
        pending = "".join(f"<li>{html.escape(p)}</li>" for p in not_built(con))
    body = [f"<section><h2>Månadsrapporter (Monthly reports)</h2>{monthly_links(monthly or [])}"
            "</section>"]
    for title, parts in sections:
        body.append(f"<section><h2>{html.escape(title)}</h2>{''.join(parts)}</section>")
    body.append("<section><h2>Ej byggt (Not built)</h2><p>These figures of the annual report "
                f"are declared not computed (seed report_coverage):</p><ul>{pending}"
                "</ul></section>")
    summary = ", ".join(f"{k} {v}" for k, v in sorted(status.items()))
    page = f"""<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8">
<title>Norrlager — Årsredovisningen i bilder</title>
<style>
body {{ font-family: Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1200px;
       color: #212121; }}
h1 {{ font-size: 1.8rem; }} h2 {{ border-bottom: 2px solid #1565c0; padding-bottom: .2rem; }}
table {{ border-collapse: collapse; font-size: .85rem; width: 100%; }}
th, td {{ border-bottom: 1px solid #e0e0e0; padding: .3rem .5rem; text-align: left; }}
.meta {{ color: #616161; }}
tr.known_conflict {{ background: #fff8e1; }} tr.mismatch {{ background: #ffebee; }}
</style>
<script>
// Any script error on the page is written into #js-errors, where a test (or a reader) sees it.
window.__errors = [];
window.addEventListener("error", e => window.__errors.push(String(e.message)));
const __consoleError = console.error;
console.error = (...args) => {{ window.__errors.push(args.join(" ")); __consoleError(...args); }};
window.addEventListener("load", () => {{
  document.getElementById("js-errors").textContent = window.__errors.join("\n");
}});
</script>
<script type="text/javascript">{get_plotlyjs()}</script>
</head><body>
<pre id="js-errors" hidden></pre>
<h1>Årsredovisningen i bilder (The annual report in pictures)</h1>
<p class="meta">Region Norrbotten — built by Norrlager {datetime.now():%Y-%m-%d %H:%M} from the
serving database. Reconciliation with the published report: {html.escape(summary)}.</p>
{''.join(body)}
</body></html>"""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, out)
    return out
