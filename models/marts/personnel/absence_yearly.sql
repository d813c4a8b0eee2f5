{{ config(contract={'enforced': true}) }}

-- Worked time and absence as shares of the scheduled (ordinary) hours of own staff, per year:
-- worked time is what is left of the scheduled hours after every absence (basbemanning).
with scheduled as (
    select
        calendar_year,
        sum(ordinary_hours) as ordinary_hours
    from {{ ref('int_employment_months') }}
    group by calendar_year
),

absence as (
    select
        calendar_year,
        sum(absence_hours) filter (where absence_type = 'SJUK') as sick_hours,
        sum(absence_hours) filter (where absence_type = 'SEM') as vacation_hours,
        sum(absence_hours) filter (where absence_type = 'FLED') as parental_hours,
        sum(absence_hours) filter (where absence_type = 'OVR') as other_hours,
        sum(absence_hours) as absence_hours
    from {{ ref('int_absence_hours_monthly') }}
    group by calendar_year
),

final as (
    select
        cast(scheduled.calendar_year as integer) as calendar_year,
        cast(scheduled.ordinary_hours as double) as ordinary_hours,
        cast(scheduled.ordinary_hours - coalesce(absence.absence_hours, 0) as double) as worked_hours,
        cast(coalesce(absence.sick_hours, 0) as double) as sick_hours,
        cast(coalesce(absence.vacation_hours, 0) as double) as vacation_hours,
        cast(coalesce(absence.parental_hours, 0) as double) as parental_hours,
        cast(coalesce(absence.other_hours, 0) as double) as other_hours,
        {{ divide('100 * (scheduled.ordinary_hours - coalesce(absence.absence_hours, 0))',
                  'scheduled.ordinary_hours') }} as worked_percent,
        {{ divide('100 * coalesce(absence.sick_hours, 0)', 'scheduled.ordinary_hours') }}
            as sick_percent,
        {{ divide('100 * (coalesce(absence.absence_hours, 0) - coalesce(absence.sick_hours, 0))',
                  'scheduled.ordinary_hours') }} as other_absence_percent,
        {{ divide('100 * coalesce(absence.vacation_hours, 0)', 'scheduled.ordinary_hours') }}
            as vacation_percent,
        {{ divide('100 * coalesce(absence.parental_hours, 0)', 'scheduled.ordinary_hours') }}
            as parental_percent
    from scheduled
    left join absence on scheduled.calendar_year = absence.calendar_year
)

select * from final
