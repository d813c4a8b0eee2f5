-- Incremental by period: a refresh recomputes the months whose employment months or absence
-- hours changed, and those after them (macro periods_from_earliest_loaded_since_last_refresh).
{{ config(contract={'enforced': true}, **incremental_by_period()) }}

-- Sick leave per month, division and sex for follow-up during the year; groups of
-- 10 employees or fewer are not shown (the small-cell rule, macro small_cell).
{% set changed_months -%}
    {{ periods_from_earliest_loaded_since_last_refresh([
        (ref('int_employment_months'), 'period'),
        (ref('int_absence_hours_monthly'), 'period')]) }}
{%- endset %}

with scheduled as (
    select
        period,
        division,
        sex,
        sum(ordinary_hours) as ordinary_hours,
        count(distinct person_key) as employees
    from {{ ref('int_employment_months') }}
    {% if is_incremental() %}
        where {{ changed_months }}
    {% endif %}
    group by all
),

sick as (
    select
        period,
        division,
        sex,
        sum(absence_hours) as sick_hours,
        sum(absence_hours) filter (where sick_interval = '1-14') as short_hours
    from {{ ref('int_absence_hours_monthly') }}
    where absence_type = 'SJUK'
    {% if is_incremental() %}
        and {{ changed_months }}
    {% endif %}
    group by all
),

final as (
    select
        cast(scheduled.period as {{ dbt.type_string() }}) as period,
        cast(scheduled.division as {{ dbt.type_string() }}) as division,
        cast(scheduled.sex as {{ dbt.type_string() }}) as sex,
        cast(scheduled.employees as bigint) as employees,
        cast(scheduled.employees < {{ small_cell_minimum('employees') }} as boolean) as is_suppressed,
        {{ percent_of_group('coalesce(sick.sick_hours, 0)', 'scheduled.ordinary_hours', 'scheduled.employees') }}
            as sick_percent,
        {{ percent_of_group('coalesce(sick.short_hours, 0)', 'scheduled.ordinary_hours', 'scheduled.employees') }}
            as short_sick_percent
    from scheduled
    left join sick
        on
            scheduled.period = sick.period
            and scheduled.division is not distinct from sick.division
            and scheduled.sex = sick.sex
)

select * from final
