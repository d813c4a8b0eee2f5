{{ config(contract={'enforced': true}) }}

-- Sick leave as the share of scheduled hours per year, for all staff and by sex and by age
-- band, split by the interval of the spell, with the long-term share by both definitions
-- (15 days or more as the report counts; 60 days or more as the mandatory disclosure counts).
-- Groups of 10 employees or fewer are not shown (the small-cell rule, macro small_cell).
with months as (
    select * from {{ ref('int_employment_months') }}
),

sick_months as (
    select * from {{ ref('int_absence_hours_monthly') }}
    where absence_type = 'SJUK'
),

-- Each row counts once for all staff, once for its sex and once for its age band.
month_rows as (
    select
        calendar_year,
        'all' as breakdown,
        'Alla' as breakdown_value,
        person_key,
        ordinary_hours
    from months
    union all
    select
        calendar_year,
        'sex',
        sex,
        person_key,
        ordinary_hours
    from months
    union all
    select
        calendar_year,
        'age_band',
        age_band,
        person_key,
        ordinary_hours
    from months
),

sick_rows as (
    select
        calendar_year,
        'all' as breakdown,
        'Alla' as breakdown_value,
        sick_interval,
        spell_days,
        absence_hours
    from sick_months
    union all
    select
        calendar_year,
        'sex',
        sex,
        sick_interval,
        spell_days,
        absence_hours
    from sick_months
    union all
    select
        calendar_year,
        'age_band',
        age_band,
        sick_interval,
        spell_days,
        absence_hours
    from sick_months
),

scheduled as (
    select
        calendar_year,
        breakdown,
        breakdown_value,
        sum(ordinary_hours) as ordinary_hours,
        count(distinct person_key) as employees
    from month_rows
    group by calendar_year, breakdown, breakdown_value
),

sick as (
    select
        calendar_year,
        breakdown,
        breakdown_value,
        sum(absence_hours) as sick_hours,
        sum(absence_hours) filter (where sick_interval = '1-14') as hours_1_14,
        sum(absence_hours) filter (where sick_interval = '15-59') as hours_15_59,
        sum(absence_hours) filter (where sick_interval = '60-90') as hours_60_90,
        sum(absence_hours) filter (where sick_interval = '91-') as hours_91,
        sum(absence_hours) filter (where spell_days >= 60) as hours_60_plus
    from sick_rows
    group by calendar_year, breakdown, breakdown_value
),

joined as (
    select
        scheduled.calendar_year,
        scheduled.breakdown,
        scheduled.breakdown_value,
        scheduled.employees,
        scheduled.ordinary_hours,
        coalesce(sick.sick_hours, 0) as sick_hours,
        coalesce(sick.hours_1_14, 0) as hours_1_14,
        coalesce(sick.hours_15_59, 0) as hours_15_59,
        coalesce(sick.hours_60_90, 0) as hours_60_90,
        coalesce(sick.hours_91, 0) as hours_91,
        coalesce(sick.hours_60_plus, 0) as hours_60_plus
    from scheduled
    left join sick
        on
            scheduled.calendar_year = sick.calendar_year
            and scheduled.breakdown = sick.breakdown
            and scheduled.breakdown_value = sick.breakdown_value
),

final as (
    select
        cast(calendar_year as integer) as calendar_year,
        cast(breakdown as {{ dbt.type_string() }}) as breakdown,
        cast(breakdown_value as {{ dbt.type_string() }}) as breakdown_value,
        cast(breakdown = 'all' as boolean) as is_total,
        cast(employees as bigint) as employees,
        cast(employees < {{ small_cell_minimum('employees') }} as boolean) as is_suppressed,
        {{ percent_of_group('sick_hours', 'ordinary_hours', 'employees') }} as sick_percent,
        {{ percent_of_group('hours_1_14', 'ordinary_hours', 'employees') }} as percent_1_14,
        {{ percent_of_group('hours_15_59', 'ordinary_hours', 'employees') }} as percent_15_59,
        {{ percent_of_group('hours_60_90', 'ordinary_hours', 'employees') }} as percent_60_90,
        {{ percent_of_group('hours_91', 'ordinary_hours', 'employees') }} as percent_91_plus,
        {{ percent_of_group('(sick_hours - hours_1_14)', 'sick_hours', 'employees') }}
            as long_term_share_15_percent,
        {{ percent_of_group('hours_1_14', 'sick_hours', 'employees') }}
            as short_term_share_percent,
        {{ percent_of_group('hours_60_plus', 'sick_hours', 'employees') }}
            as long_term_share_60_percent
    from joined
)

select * from final
