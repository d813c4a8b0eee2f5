-- The income-statement accounts only, per scenario, year, account and unit. External amounts
-- are what the income statement shows: internal trade between the region's units is
-- eliminated, because both of its sides carry an internal counterparty.
with classified as (
    select * from {{ ref('int_ledger_amounts_classified') }}
    where income_statement_line_code is not null
),

per_unit as (
    select
        scenario,
        fiscal_year,
        account_code,
        account_type,
        income_statement_line_code,
        note_table,
        note_line_code,
        by_type_table,
        by_type_line_code,
        balance_requirement_line_code,
        is_operating,
        is_operating_revenue,
        division,
        committee,
        operating_statement_unit,
        is_internal,
        {{ sek('sum(report_amount_sek)') }} as report_amount_sek
    from classified
    group by all
)

select * from per_unit
