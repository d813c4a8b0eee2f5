-- Incremental by period: a refresh recomputes only the periods whose lines were loaded after
-- this model last saw them (a new month, or an earlier month delivered again corrected).
-- `dbt build --full-refresh` rebuilds every period.
{{ config(**incremental_by_period()) }}

with lines as (
    select * from {{ ref('stg_ledger__lines') }}
    {% if is_incremental() %}
        where {{ periods_loaded_since_last_build(ref('stg_ledger__lines'),
                                                  loaded_column='loaded_at',
                                                  built_column='last_loaded_at') }}
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
