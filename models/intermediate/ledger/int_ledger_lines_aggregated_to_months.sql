{{ config(materialized='table') }}

with lines as (
    select * from {{ ref('stg_ledger__lines') }}
),

aggregated as (
    select
        period,
        fiscal_year,
        account_code,
        cost_centre_code,
        activity_code,
        counterparty_code,
        {{ sek('sum(amount_sek)') }} as amount_sek,
        count(*) as line_count
    from lines
    group by period, fiscal_year, account_code, cost_centre_code, activity_code, counterparty_code
)

select * from aggregated
