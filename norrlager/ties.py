"""Cross-system ties, read from the warehouse after a build, as messages a controller can act on."""

from __future__ import annotations

import duckdb


def invoice_tie_breaks(con: duckdb.DuckDBPyConnection, limit: int = 20) -> list[str]:
    """Where invoices and ledger disagree: one message per provider, cost centre and month."""
    rows = con.execute("""
        select period, provider_id, coalesce(provider_name, provider_id), cost_centre_code,
               account_code, ledger_sek, invoiced_sek
        from intermediate.int_invoices_tied_to_ledger
        where difference_sek <> 0
        order by period, provider_id, cost_centre_code limit ?""", [limit]).fetchall()
    return [f"invoices and ledger differ for {name} ({pid}) in {period}, cost centre {cc}, "
            f"account {acc}: ledger {ledger:,.2f} SEK, invoices {invoiced:,.2f} SEK"
            for period, pid, name, cc, acc, ledger, invoiced in rows]


def personnel_tie_breaks(con: duckdb.DuckDBPyConnection, limit: int = 20) -> list[str]:
    """Where the payroll journal or the staffing invoices and the ledger disagree: one message
    per system, cost centre, account and month."""
    rows = con.execute("""
        select source_system, period, cost_centre_code, account_code, ledger_sek, source_sek
        from intermediate.int_personnel_costs_tied_to_ledger
        where difference_sek <> 0
        order by period, source_system, cost_centre_code, account_code limit ?""",
                       [limit]).fetchall()
    return [f"{system} and ledger differ in {period}, cost centre {cc}, account {acc}: "
            f"ledger {ledger:,.2f} SEK, {system} {source:,.2f} SEK"
            for system, period, cc, acc, ledger, source in rows]
