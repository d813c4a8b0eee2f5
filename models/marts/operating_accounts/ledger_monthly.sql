{{ config(contract={'enforced': true}) }}

with monthly as (
    select * from {{ ref('int_ledger_lines_aggregated_to_months') }}
),

counterparties as (
    select * from {{ ref('stg_reference__counterparties') }}
),

final as (
    select
        cast(monthly.period as {{ dbt.type_string() }}) as period,
        cast(monthly.fiscal_year as integer) as fiscal_year,
        cast(monthly.account_code as {{ dbt.type_string() }}) as account_code,
        cast(monthly.cost_centre_code as {{ dbt.type_string() }}) as cost_centre_code,
        cast(monthly.activity_code as {{ dbt.type_string() }}) as activity_code,
        cast(monthly.counterparty_code as {{ dbt.type_string() }}) as counterparty_code,
        cast(coalesce(counterparties.is_internal, false) as boolean) as is_internal,
        {{ sek('monthly.amount_sek') }} as amount_sek,
        cast(monthly.line_count as bigint) as line_count
    from monthly
    left join counterparties on monthly.counterparty_code = counterparties.counterparty_code
)

select * from final
