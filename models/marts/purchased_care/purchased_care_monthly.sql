{{ config(contract={'enforced': true}) }}

-- Purchased care per month, category, provider and cost centre: cost, episodes, patients and
-- DRG points. A row of fewer than 5 patients hides its episodes, patients and DRG points (its
-- cost stays: the ledger shows it too), and rows that would give a hidden one away by
-- subtraction are hidden as well (macro small_cell_rows).
with lines as (
    select * from {{ ref('stg_invoices__lines') }}
),

providers as (
    select * from {{ ref('stg_reference__providers') }}
),

monthly as (
    select
        lines.period,
        lines.fiscal_year,
        lines.category,
        lines.provider_id,
        lines.cost_centre_code,
        lines.account_code,
        {{ purchased_care_measures() }}
    from lines
    group by all
),

{{ small_cell_rows('monthly', 'patients', 'patients', 'purchased_care_monthly') }},

final as (
    select
        cast(monthly.period as {{ dbt.type_string() }}) as period,
        cast(monthly.fiscal_year as integer) as fiscal_year,
        cast(monthly.category as {{ dbt.type_string() }}) as category,
        cast(monthly.provider_id as {{ dbt.type_string() }}) as provider_id,
        cast(providers.provider_name as {{ dbt.type_string() }}) as provider_name,
        cast(providers.provider_type as {{ dbt.type_string() }}) as provider_type,
        cast(monthly.cost_centre_code as {{ dbt.type_string() }}) as cost_centre_code,
        cast(monthly.account_code as {{ dbt.type_string() }}) as account_code,
        {{ sek('monthly.cost_sek') }} as cost_sek,
        cast(case when not monthly.is_suppressed then monthly.episodes end as bigint) as episodes,
        cast(case when not monthly.is_suppressed then monthly.patients end as bigint) as patients,
        cast(case when not monthly.is_suppressed then monthly.drg_points end as decimal(18, 4))
            as drg_points,
        monthly.is_suppressed
    from monthly_suppressed as monthly
    left join providers on monthly.provider_id = providers.provider_code
)

select * from final
