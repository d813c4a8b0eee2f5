{{ config(contract={'enforced': true}) }}

-- Purchased care per month and category: cost, episodes, patients and DRG points at a grain
-- coarse enough to show them (purchased_care_monthly, per provider, cost centre and account,
-- hides the person counts of almost every row). The same small-cell rule (macro small_cell_rows).
with lines as (
    select * from {{ ref('stg_invoices__lines') }}
),

monthly as (
    select
        lines.period,
        lines.fiscal_year,
        lines.category,
        {{ purchased_care_measures() }}
    from lines
    group by lines.period, lines.fiscal_year, lines.category
),

{{ small_cell_rows('monthly', 'patients', 'patients', 'purchased_care_by_category_monthly') }},

final as (
    select
        cast(monthly.period as {{ dbt.type_string() }}) as period,
        cast(monthly.fiscal_year as integer) as fiscal_year,
        cast(monthly.category as {{ dbt.type_string() }}) as category,
        {{ sek('monthly.cost_sek') }} as cost_sek,
        cast(case when not monthly.is_suppressed then monthly.episodes end as bigint) as episodes,
        cast(case when not monthly.is_suppressed then monthly.patients end as bigint) as patients,
        cast(case when not monthly.is_suppressed then monthly.drg_points end as decimal(18, 4))
            as drg_points,
        monthly.is_suppressed
    from monthly_suppressed as monthly
)

select * from final
