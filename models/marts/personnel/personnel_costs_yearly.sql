{{ config(contract={'enforced': true}) }}

-- Personnel costs per year and line of the report's personnel-cost table, from the ledger
-- (whose wage, contribution and pension accounts are the payroll, and whose hired-staff account
-- is the staffing invoices). Which account belongs to which line: seed chart_of_accounts.
with ledger as (
    select * from {{ ref('fct_ledger_monthly') }}
),

accounts as (
    select * from {{ ref('chart_of_accounts') }}
    where personalkostnad_rad is not null
),

booked as (
    select
        ledger.fiscal_year,
        accounts.personalkostnad_rad as cost_line,
        sum(ledger.amount_sek) as amount_sek
    from ledger
    inner join accounts on ledger.account_code = accounts.konto
    group by all
),

-- Every line every year, zero when nothing was booked (as the report prints it).
spine as (
    select distinct
        years.fiscal_year,
        accounts.personalkostnad_rad as cost_line
    from (select distinct fiscal_year from ledger) as years
    cross join accounts
),

final as (
    select
        cast(spine.fiscal_year as integer) as fiscal_year,
        cast(spine.cost_line as varchar) as cost_line,
        {{ sek('coalesce(booked.amount_sek, 0)') }} as amount_sek
    from spine
    left join booked
        on spine.fiscal_year = booked.fiscal_year and spine.cost_line = booked.cost_line
)

select * from final
