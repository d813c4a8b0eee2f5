{{ config(contract={'enforced': true}) }}

-- Purchased care per year and category, with the report's grouping (seed purchase_categories),
-- cost per DRG point and the change on the year before. A row of fewer than 5 patients hides
-- its episodes, patients, DRG points and cost per point; its cost stays (the ledger shows it).
with lines as (
    select * from {{ ref('stg_invoices__lines') }}
),

categories as (
    select * from {{ ref('stg_reference__purchase_categories') }}
),

yearly as (
    select
        lines.fiscal_year,
        lines.category,
        {{ purchased_care_measures() }},
        sum(lines.amount_sek) filter (where lines.drg_points is not null) as drg_cost_sek
    from lines
    group by lines.fiscal_year, lines.category
),

{{ small_cell_rows('yearly', 'patients', 'patients', 'purchased_care_by_category') }},

final as (
    select
        cast(yearly.fiscal_year as integer) as fiscal_year,
        cast(categories.report_group_code as {{ dbt.type_string() }}) as report_group_code,
        cast(categories.report_group as {{ dbt.type_string() }}) as report_group,
        cast(yearly.category as {{ dbt.type_string() }}) as category,
        {{ sek('yearly.cost_sek') }} as cost_sek,
        cast(case when not yearly.is_suppressed then yearly.episodes end as bigint) as episodes,
        cast(case when not yearly.is_suppressed then yearly.patients end as bigint) as patients,
        cast(case when not yearly.is_suppressed then yearly.drg_points end as decimal(18, 4))
            as drg_points,
        cast(
            case
                when not yearly.is_suppressed
                    then {{ divide('yearly.drg_cost_sek', 'yearly.drg_points') }}
            end as decimal(18, 2)
        ) as cost_per_drg_point_sek,
        100.0 * (
            {{ divide('yearly.cost_sek',
                      'lag(yearly.cost_sek) over (partition by yearly.category order by yearly.fiscal_year)') }}
            - 1
        ) as change_percent,
        yearly.is_suppressed
    from yearly_suppressed as yearly
    inner join categories on yearly.category = categories.category
)

select * from final
