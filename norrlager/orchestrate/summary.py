"""The short summary printed at the end of a run: what was loaded, built and reconciled."""

from __future__ import annotations

from pathlib import Path

import duckdb

from norrlager.ingest.loader import LoadReport
from norrlager.quality.validate import ValidationRun
from norrlager.serve import monthly_report
from norrlager.serve.publish import PublishResult
from norrlager.transform.build import BuildResult


def raw_row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    tables = con.execute("select table_name from information_schema.tables "
                         "where table_schema = 'raw' order by 1").fetchall()
    return {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0] for (t,) in tables}


def reconciliation_status(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    try:
        rows = con.execute("select status, count(*) from annual_report.reconciliation "
                           "group by status order by status").fetchall()
    except duckdb.CatalogException:
        return {}
    return dict(rows)


def mismatches(con: duckdb.DuckDBPyConnection, limit: int = 10) -> list[tuple]:
    """Mismatched and missing figures (an expected figure the warehouse did not build)."""
    return con.execute("""select status, "table", line, period, published_value, warehouse_value
        from annual_report.reconciliation where status in ('mismatch', 'missing')
        order by status, "table", line, period limit ?""", [limit]).fetchall()


def render(warehouse: Path, load: LoadReport, build: BuildResult,
           validation: ValidationRun | None, seconds: float,
           published: PublishResult | None = None, report: Path | None = None,
           docs: Path | None = None) -> str:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        raw = raw_row_counts(con)
        status = reconciliation_status(con)
        bad = mismatches(con) if status.get("mismatch") or status.get("missing") else []
    models = sum(n for k, n in build.counts.items() if k.startswith("model:"))
    tests: dict[str, int] = {}
    for k, n in build.counts.items():
        if k.startswith(("test:", "unit_test:")):
            tests[k.split(":")[1]] = tests.get(k.split(":")[1], 0) + n
    lines = [
        "",
        "Norrlager run summary",
        "=====================",
        f"warehouse       {warehouse}",
        f"loaded          {len(load.loaded)} files, {load.rows:,} rows "
        f"({len(load.unchanged)} unchanged, {len(load.rejected)} rejected)",
        "raw tables      " + ", ".join(f"{t} {n:,}" for t, n in raw.items()),
        (f"dbt build       {models} models, tests " + ", ".join(
            f"{k} {n}" for k, n in sorted(tests.items())) + f" ({build.seconds:.1f} s)"
         if build.counts or not build.success
         else "dbt build       not needed: no new data and no new code since the last build"),
        "reconciliation  " + ", ".join(f"{k} {n}" for k, n in status.items())
        + "  (annual_report.reconciliation)",
    ]
    for kind, t, line, period, pub, got in bad:
        lines.append(f"  {kind}: {t} / {line} / {period}: published {pub}, warehouse {got}")
    if validation is None:
        lines.append("validation      not run (the build failed)")
    else:
        gates = [r for r in validation.results if r.gate]
        findings = [r for r in validation.results if not r.gate and not r.success]
        lines.append(f"validation      {'passed' if validation.success else 'FAILED'}: "
                     f"{sum(r.success for r in gates)}/{len(gates)} reconciliation expectations "
                     f"met ({validation.seconds:.1f} s)")
        for failure in validation.failures():
            lines.append(f"  FAILED {failure.message}")
        lines.append(f"report findings {sum(len(r.failing_keys) for r in findings)} "
                     "contradictions of the published report found by its own arithmetic")
        for finding in findings:
            for key in finding.failing_keys:
                lines.append(f"  {finding.check}: {key}")
        lines.append(f"data docs       {validation.data_docs}")
    if published is not None:
        lines.append(f"served to BI    {published.serving} ({len(published.tables)} tables); "
                     f"Parquet {published.exports}")
    if report is not None:
        lines.append(f"report          {report}")
        monthly = report.parent / monthly_report.FOLDER
        if monthly.is_dir():
            lines.append(f"månadsrapport   {monthly} (a page per month)")
        lines.append(f"dbt docs        {docs}")
    lines.append("audit           audit.load_log, audit.quarantine, audit.validation_results")
    lines.append(f"total time      {seconds:.0f} s")
    served = published.serving if published is not None else warehouse
    lines.append(f"query it        duckdb -readonly {served} "
                 "\"select * from annual_report.reconciliation\"")
    return "\n".join(lines)
