-- Personnel costs: the ledger's wage, contribution and pension accounts are the payroll
-- journal, its hired-staff account the staffing invoices, per period, cost centre and account.
-- Each failing row names the system, the month and the cost centre.
select
    source_system,
    period,
    cost_centre_code,
    account_code,
    ledger_sek,
    source_sek,
    difference_sek
from {{ ref('int_personnel_costs_tied_to_ledger') }}
where difference_sek <> 0
