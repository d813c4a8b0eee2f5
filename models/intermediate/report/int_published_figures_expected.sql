-- Every published figure with what the warehouse is to do about it, in one place: the model
-- that builds it (seed report_coverage: the line's own row, else its table's '*' row), or
-- not_built with the reason, and, where the report contradicts itself, the documented reason
-- (seed known_conflicts), and whether it is a declared input (the tax rate). The reconciliation
-- and the every-seed test read this.
with published as (
    select * from {{ ref('published_figures') }}
),

conflicts as (
    select * from {{ ref('known_conflicts') }}
),

coverage as (
    select * from {{ ref('report_coverage') }}
),

final as (
    select
        published.{{ adapter.quote('table') }} as report_table,
        published.line,
        published.period,
        published.unit,
        published.value as published_value,
        conflicts.reason as conflict_reason,
        coalesce(own.built_by, whole.built_by, 'undeclared') as built_by,
        coalesce(own.domain, whole.domain) as domain,
        coalesce(own.reason, whole.reason) as coverage_reason,
        coalesce(own.is_input, whole.is_input, false) as is_input
    from published
    left join conflicts
        on
            published.{{ adapter.quote('table') }} = conflicts.{{ adapter.quote('table') }}
            and published.line = conflicts.line
            and published.period = conflicts.period
    left join coverage as own
        on published.{{ adapter.quote('table') }} = own.report_table and published.line = own.line
    left join coverage as whole
        on published.{{ adapter.quote('table') }} = whole.report_table and whole.line = '*'
)

select * from final
