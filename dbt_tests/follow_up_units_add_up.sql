-- The follow-up's levels add up, every month and line: units to their division, divisions to
-- their committee, and the committees to the region once the trade between the region's own
-- units is eliminated (as the operating statement eliminates it). A row here is a month, line
-- and parent whose parts do not add up to it.
with result as (
    select * from {{ ref('monthly_result') }}
),

ancestry as (
    select * from {{ ref('int_report_line_ancestry') }}
    where report_table = 'resultatrakning'
),

-- The internal trade of each month per follow-up line: what the region eliminates.
internal as (
    select
        classified.period,
        ancestry.ancestor_code as line_code,
        sum(classified.report_amount_sek) as amount_sek
    from {{ ref('int_ledger_amounts_classified') }} as classified
    inner join ancestry on classified.income_statement_line_code = ancestry.line_code
    where classified.scenario = 'utfall' and classified.is_internal and classified.is_operating
    group by classified.period, ancestry.ancestor_code
),

-- A division and a committee may share a name: a parent is its level and its code.
children as (
    select
        period,
        case level
            when 'unit' then 'division'
            when 'division' then 'committee'
            else 'region'
        end as parent_level,
        parent_unit_code,
        line_code,
        sum(actual_month_sek) as actual_month_sek
    from result
    where level <> 'region'
    group by period, level, parent_unit_code, line_code
),

parents as (
    select
        result.period,
        result.level,
        result.unit_code,
        result.line_code,
        result.actual_month_sek + case
            when result.level = 'region' then coalesce(internal.amount_sek, 0) else 0
        end as expected_sek
    from result
    left join internal
        on
            result.period = internal.period
            and result.line_code = internal.line_code
    where result.level <> 'unit'
)

select
    parents.period,
    parents.level,
    parents.unit_code,
    parents.line_code,
    parents.expected_sek,
    children.actual_month_sek as children_sek
from parents
inner join children
    on
        parents.period = children.period
        and parents.level = children.parent_level
        and parents.unit_code = children.parent_unit_code
        and parents.line_code = children.line_code
where parents.expected_sek <> children.actual_month_sek
