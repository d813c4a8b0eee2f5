-- Incremental by period: a refresh recomputes only the periods whose lines were loaded after
-- this model last saw them (a new month, or an earlier month delivered again corrected).
-- `dbt build --full-refresh` rebuilds every period.
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='period',
    on_schema_change='fail'
) }}

with lines as (
    select * from {{ ref('stg_ledger__lines') }}
    {% if is_incremental() %}
        where period in (
            select loaded.period
            from (
                select
                    period,
                    max(loaded_at) as loaded_at
                from {{ ref('stg_ledger__lines') }}
                group by period
            ) as loaded
            left join (
                select
                    period,
                    max(last_loaded_at) as loaded_at
                from {{ this }}
                group by period
            ) as built on loaded.period = built.period
            where built.loaded_at is null or loaded.loaded_at > built.loaded_at
        )
    {% endif %}
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
        count(*) as line_count,
        max(loaded_at) as last_loaded_at
    from lines
    group by period, fiscal_year, account_code, cost_centre_code, activity_code, counterparty_code
)

select * from aggregated
