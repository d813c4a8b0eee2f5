{{ config(contract={'enforced': true}) }}

-- Every published figure against the warehouse's own: match, mismatch, known_conflict (where
-- the report contradicts itself and the warehouse follows the other side), missing (a figure
-- seed report_coverage says the warehouse builds, and it did not) or not_built (declared
-- there as not computed, with the reason).
with published as (
    select * from {{ ref('published_figures') }}
),

figures as (
    select * from {{ ref('figures') }}
),

conflicts as (
    select * from {{ ref('known_conflicts') }}
),

coverage as (
    select * from {{ ref('report_coverage') }}
),

joined as (
    select
        published."table",
        published.line,
        published.period,
        published.unit,
        published.value as published_value,
        figures.value as warehouse_value,
        figures.value - published.value as difference,
        conflicts.reason as conflict_reason,
        -- A line's own coverage row decides, else its table's '*' row.
        coalesce(own.built_by, whole.built_by) as built_by,
        coalesce(own.domain, whole.domain) as domain,
        coalesce(own.reason, whole.reason) as coverage_reason
    from published
    left join figures
        on
            published."table" = figures."table"
            and published.line = figures.line
            and published.period = figures.period
    left join conflicts
        on
            published."table" = conflicts."table"
            and published.line = conflicts.line
            and published.period = conflicts.period
    left join coverage as own
        on published."table" = own.report_table and published.line = own.line
    left join coverage as whole
        on published."table" = whole.report_table and whole.line = '*'
),

final as (
    select
        cast("table" as varchar) as "table",
        cast(line as varchar) as line,
        cast(period as varchar) as period,
        cast(unit as varchar) as unit,
        cast(published_value as double) as published_value,
        cast(warehouse_value as double) as warehouse_value,
        cast(difference as double) as difference,
        cast(case
            when warehouse_value is null and built_by = 'not_built' then 'not_built'
            when warehouse_value is null then 'missing'
            when abs(difference) < 1e-9 then 'match'
            when conflict_reason is not null then 'known_conflict'
            else 'mismatch'
        end as varchar) as status,
        cast(conflict_reason as varchar) as conflict_reason,
        cast(coalesce(built_by, 'undeclared') as varchar) as built_by,
        cast(domain as varchar) as domain,
        cast(case when warehouse_value is null then coverage_reason end as varchar)
            as not_built_reason
    from joined
)

select * from final
