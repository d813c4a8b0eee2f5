{{ config(contract={'enforced': true}) }}

-- Every published figure against the warehouse's own: match, mismatch, known_conflict (where
-- the report contradicts itself and the warehouse follows the other side), missing (a figure
-- seed report_coverage says the warehouse builds, and it did not), not_built (declared
-- there as not computed, with the reason) or input (declared there as an input, such as the
-- tax rate the council decides, and equal to the published figure).
with expected as (
    select * from {{ ref('int_published_figures_expected') }}
),

figures as (
    select * from {{ ref('figures') }}
),

joined as (
    select
        expected.report_table as {{ adapter.quote('table') }},
        expected.line,
        expected.period,
        expected.unit,
        expected.published_value,
        figures.value as warehouse_value,
        figures.value - expected.published_value as difference,
        expected.conflict_reason,
        expected.built_by,
        expected.domain,
        expected.coverage_reason,
        expected.is_input
    from expected
    left join figures
        on
            expected.report_table = figures.{{ adapter.quote('table') }}
            and expected.line = figures.line
            and expected.period = figures.period
),

final as (
    select
        cast({{ adapter.quote('table') }} as {{ dbt.type_string() }}) as {{ adapter.quote('table') }},
        cast(line as {{ dbt.type_string() }}) as line,
        cast(period as {{ dbt.type_string() }}) as period,
        cast(unit as {{ dbt.type_string() }}) as unit,
        cast(published_value as double) as published_value,
        cast(warehouse_value as double) as warehouse_value,
        cast(difference as double) as difference,
        cast(case
            when warehouse_value is null and built_by = 'not_built' then 'not_built'
            when warehouse_value is null then 'missing'
            when abs(difference) < 1e-9 and is_input then 'input'
            when abs(difference) < 1e-9 then 'match'
            when conflict_reason is not null then 'known_conflict'
            else 'mismatch'
        end as {{ dbt.type_string() }}) as status,
        cast(conflict_reason as {{ dbt.type_string() }}) as conflict_reason,
        cast(built_by as {{ dbt.type_string() }}) as built_by,
        cast(domain as {{ dbt.type_string() }}) as domain,
        cast(case when warehouse_value is null or is_input then coverage_reason end as {{ dbt.type_string() }})
            as not_built_reason
    from joined
)

select * from final
