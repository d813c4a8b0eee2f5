{{ config(contract={'enforced': true}) }}

-- Personnel costs per year and line of the report's personnel-cost table, from the ledger
-- (whose wage, contribution and pension accounts are the payroll, and whose hired-staff account
-- is the staffing invoices). Which account belongs to which line: seed chart_of_accounts;
-- the lines' names: seed report_lines.
with ledger as (
    select * from {{ ref('ledger_monthly') }}
),

accounts as (
    select * from {{ ref('stg_reference__accounts') }}
    where personnel_cost_line_code is not null
),

layout as (
    select * from {{ ref('report_lines') }}
    where report_table = 'personalkostnader'
),

booked as (
    select
        ledger.fiscal_year,
        accounts.personnel_cost_line_code as line_code,
        sum(ledger.amount_sek) as amount_sek
    from ledger
    inner join accounts on ledger.account_code = accounts.account_code
    group by all
),

-- Every line every year, zero when nothing was booked (as the report prints it).
spine as (
    select distinct
        years.fiscal_year,
        accounts.personnel_cost_line_code as line_code
    from (select distinct fiscal_year from ledger) as years
    cross join accounts
),

final as (
    select
        cast(spine.fiscal_year as integer) as fiscal_year,
        cast(spine.line_code as {{ dbt.type_string() }}) as line_code,
        cast(layout.label as {{ dbt.type_string() }}) as cost_line,
        {{ sek('coalesce(booked.amount_sek, 0)') }} as amount_sek
    from spine
    left join booked
        on spine.fiscal_year = booked.fiscal_year and spine.line_code = booked.line_code
    left join layout on spine.line_code = layout.line_code
)

select * from final
