"""A SIE file summarised for a data team: what `norrlager sie inspect` prints."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from norrlager.ingest.landing import max_file_bytes, printable
from norrlager.ingest.sources.sie.model import SieFile
from norrlager.ingest.sources.sie.reader import SieFileError, read_sie


def read_path(path: Path, encoding: str | None = None) -> SieFile:
    """Read a SIE file from disk: a regular file, not a link, no larger than the landing's
    limit (NORRLAGER_MAX_FILE_MB), since it is read whole."""
    try:
        if path.is_symlink() or not path.is_file():
            raise SieFileError(f"{path}: not a regular file (a link, a folder or missing)")
        size = path.stat().st_size
        if size > max_file_bytes():
            raise SieFileError(f"{path}: {size:,} bytes is more than the limit of "
                               f"{max_file_bytes():,} (NORRLAGER_MAX_FILE_MB)")
        data = path.read_bytes()
    except OSError as e:
        raise SieFileError(f"{path}: cannot be read ({e.strerror})") from None
    return read_sie(data, str(path), encoding)


def summary(sf: SieFile) -> dict[str, Any]:
    """The file as one JSON-able object (amounts as decimal strings)."""
    totals: dict[str, Decimal] = {}
    for row in sf.rows:
        totals[row.account] = totals.get(row.account, Decimal(0)) + row.amount
    kinds = Counter(r.kind for v in sf.vouchers for r in v.rows)
    return {
        "file": sf.name,
        "sie_type": sf.sie_type,
        "encoding": sf.encoding,
        "program": sf.program,
        "company": sf.company,
        "org_number": sf.org_number,
        "chart_type": sf.chart_type,
        "fiscal_years": [{"index": y.index, "start": y.start.isoformat(),
                          "end": y.end.isoformat()} for y in sf.fiscal_years],
        "dimensions": dict(sorted(sf.dimensions.items(), key=lambda d: int(d[0])
                                  if d[0].isdigit() else 0)),
        "objects": len(sf.objects),
        "accounts": len(sf.accounts),
        "vouchers": len(sf.vouchers),
        "transactions": len(sf.rows),
        "added_rows": kinds["RTRANS"],
        "removed_rows": kinds["BTRANS"],
        "balances": dict(sorted(Counter(b.kind for b in sf.balances).items())),
        "totals_by_account": {a: str(t) for a, t in sorted(totals.items())},
        "unbalanced_vouchers": [{"series": v.series, "number": v.number, "line": v.line,
                                 "sum": str(v.total)} for v in sf.unbalanced],
        "checksum": sf.checksum,
        "ignored_records": dict(sorted(sf.ignored_labels.items())),
        "findings": [{"line": f.line, "rule": f.rule, "message": f.message}
                     for f in sf.findings],
    }


def render(summary_: dict[str, Any], most: int = 20) -> str:
    """The summary as text for a terminal: every text from the file with its control
    characters escaped (a file may hold an escape sequence meant for the terminal)."""
    s = _printable(summary_)
    years = ", ".join(f"{y['index']}: {y['start']}–{y['end']}" for y in s["fiscal_years"])
    out = [f"{s['file']}: SIE type {s['sie_type'] or '?'}, read as {s['encoding']}",
           f"  program {s['program'] or '-'}; company {s['company'] or '-'} "
           f"({s['org_number'] or 'no org. number'}); chart {s['chart_type'] or '-'}",
           f"  fiscal years: {years or 'none (#RAR)'}",
           "  dimensions: " + (", ".join(f"{k} {v}" for k, v in s["dimensions"].items())
                               or "none declared"),
           f"  {s['accounts']:,} accounts, {s['objects']:,} objects, {s['vouchers']:,} vouchers, "
           f"{s['transactions']:,} rows counted ({s['added_rows']:,} added, "
           f"{s['removed_rows']:,} removed and not counted)",
           "  balances: " + (", ".join(f"{k} {n:,}" for k, n in s["balances"].items())
                             or "none"),
           f"  checksum (#KSUMMA): {s['checksum'] or 'none in the file'}"]
    totals = list(s["totals_by_account"].items())
    out.append(f"  totals per account ({len(totals):,}):")
    out += [f"    {a:>8} {t:>20}" for a, t in totals[:most]]
    if len(totals) > most:
        out.append(f"    ... {len(totals) - most:,} more (--json lists all)")
    unbalanced = s["unbalanced_vouchers"]
    out.append(f"  unbalanced vouchers: {len(unbalanced):,}")
    out += [f"    {v['series']} {v['number']} (line {v['line']}): sums to {v['sum']}"
            for v in unbalanced[:most]]
    out.append(f"  findings: {len(s['findings']):,}")
    out += [f"    line {f['line'] or '-'}: {f['rule']}: {f['message']}"
            for f in s["findings"][:most]]
    return "\n".join(out)


def _printable(value: Any) -> Any:
    if isinstance(value, dict):
        return {_printable(k): _printable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_printable(v) for v in value]
    return printable(value, 300) if isinstance(value, str) else value
