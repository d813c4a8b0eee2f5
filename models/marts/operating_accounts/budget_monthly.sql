{{ config(contract={'enforced': true}) }}

-- The adopted budget per month, in the same dimensions as ledger_monthly, so that BI tools
-- can set actuals against budget at any level.
with budget as (
    select * from {{ ref('stg_ledger__budget_lines') }}
),

counterparties as (
    select * from {{ ref('stg_reference__counterparties') }}
),

final as (
    select
        cast(budget.period as {{ dbt.type_string() }}) as period,
        cast(budget.budget_year as integer) as fiscal_year,
        cast(budget.account_code as {{ dbt.type_string() }}) as account_code,
        cast(budget.cost_centre_code as {{ dbt.type_string() }}) as cost_centre_code,
        cast(budget.activity_code as {{ dbt.type_string() }}) as activity_code,
        cast(budget.counterparty_code as {{ dbt.type_string() }}) as counterparty_code,
        cast(coalesce(counterparties.is_internal, false) as boolean) as is_internal,
        {{ sek('budget.amount_sek') }} as amount_sek
    from budget
    left join counterparties on budget.counterparty_code = counterparties.counterparty_code
)

select * from final
