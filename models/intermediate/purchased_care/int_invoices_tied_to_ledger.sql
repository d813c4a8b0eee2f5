-- Invoices against the ledger, per period, cost centre, account and provider. The ledger books
-- one supplier-invoice verification per invoice and names the invoice in its text; both sides
-- are summed to the tie's grain and compared. A missing invoice file leaves ledger amounts
-- without invoices; an invoice the ledger never booked leaves the opposite.
with categories as (
    select * from {{ ref('stg_reference__purchase_categories') }}
),

providers as (
    select * from {{ ref('stg_reference__providers') }}
),

invoiced as (
    select
        lines.period,
        lines.cost_centre_code,
        lines.account_code,
        lines.provider_id,
        sum(lines.amount_sek) as invoiced_sek
    from {{ ref('stg_invoices__lines') }} as lines
    group by lines.period, lines.cost_centre_code, lines.account_code, lines.provider_id
),

ledger_lines as (
    select
        lines.period,
        lines.cost_centre_code,
        lines.account_code,
        lines.amount_sek,
        regexp_extract(lines.line_text, '^Leverantörsfaktura F[0-9]{6}-[0-9]+ (.+)$', 1) as provider_name
    from {{ ref('stg_ledger__lines') }} as lines
    inner join {{ ref('stg_reference__counterparties') }} as counterparties
        on lines.counterparty_code = counterparties.counterparty_code
    where
        not counterparties.is_internal
        and lines.fiscal_year in ({{ var('invoice_years') | join(', ') }})
        and lines.account_code in (select categories.account_code from categories)
),

booked as (
    select
        ledger_lines.period,
        ledger_lines.cost_centre_code,
        ledger_lines.account_code,
        coalesce(providers.provider_code, 'okänd: ' || ledger_lines.provider_name) as provider_id,
        sum(ledger_lines.amount_sek) as ledger_sek
    from ledger_lines
    left join providers on ledger_lines.provider_name = providers.provider_name
    group by all
),

tied as (
    select
        coalesce(booked.period, invoiced.period) as period,
        coalesce(booked.cost_centre_code, invoiced.cost_centre_code) as cost_centre_code,
        coalesce(booked.account_code, invoiced.account_code) as account_code,
        coalesce(booked.provider_id, invoiced.provider_id) as provider_id,
        {{ sek('coalesce(booked.ledger_sek, 0)') }} as ledger_sek,
        {{ sek('coalesce(invoiced.invoiced_sek, 0)') }} as invoiced_sek
    from booked
    full outer join invoiced
        on
            booked.period = invoiced.period
            and booked.cost_centre_code = invoiced.cost_centre_code
            and booked.account_code = invoiced.account_code
            and booked.provider_id = invoiced.provider_id
)

select
    tied.*,
    providers.provider_name,
    {{ sek('tied.ledger_sek - tied.invoiced_sek') }} as difference_sek
from tied
left join providers on tied.provider_id = providers.provider_code
