-- Incremental by period: a refresh rebuilds every month from the earliest one its new
-- employment months or absence spells reach (macro periods_from_earliest_loaded_since_last_refresh).
{{ config(**incremental_by_period()) }}

-- Absence hours per spell and month: the days of the spell within the month, at the month's
-- scheduled hours per employed day, times the spell's extent. A spell crossing a month end
-- counts in both months; its sick-leave interval is that of the whole spell.
with absences as (
    select * from {{ ref('stg_hr__absences') }}
),

months as (
    select * from {{ ref('int_employment_months') }}
    {% if is_incremental() %}
        where {{ periods_from_earliest_loaded_since_last_refresh([
            (ref('int_employment_months'), 'period'),
            (ref('stg_hr__absences'), period_of('first_day'))]) }}
    {% endif %}
),

final as (
    select
        absences.absence_id,
        absences.employment_id,
        months.person_key,
        months.period,
        months.calendar_year,
        months.sex,
        months.age_band,
        months.division,
        absences.absence_type,
        {{ dbt.datediff('absences.first_day', 'absences.last_day', 'day') }} + 1 as spell_days,
        {{ sick_interval(dbt.datediff('absences.first_day', 'absences.last_day', 'day') ~ ' + 1') }}
            as sick_interval,
        {{ overlap_days('absences.first_day', 'absences.last_day',
                        month_start('months.month_end'), 'months.month_end') }} as absence_days,
        -- Rounded to 1/10,000 hour per row, so that sums are exact and every build agrees.
        cast(
            {{ divide(overlap_days('absences.first_day', 'absences.last_day',
                                   month_start('months.month_end'), 'months.month_end')
                      ~ ' * months.ordinary_hours', 'months.employed_days') }}
            * absences.extent
            as decimal(18, 4)
        ) as absence_hours,
        greatest(absences.loaded_at, months.loaded_at) as loaded_at
    from absences
    inner join months
        on
            absences.employment_id = months.employment_id
            and absences.first_day <= months.month_end
            and {{ month_start('months.month_end') }} <= absences.last_day
)

select * from final
