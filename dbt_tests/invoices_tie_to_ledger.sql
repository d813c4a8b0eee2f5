-- Purchased care: what the invoices say is what the ledger booked, per period, cost centre,
-- account and provider. Each failing row names the provider and the month.
select
    period,
    provider_id,
    provider_name,
    cost_centre_code,
    account_code,
    ledger_sek,
    invoiced_sek,
    difference_sek
from {{ ref('int_invoices_tied_to_ledger') }}
where difference_sek <> 0
