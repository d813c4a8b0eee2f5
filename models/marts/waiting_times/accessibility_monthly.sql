{{ config(contract={'enforced': true}) }}

-- Primary care's accessibility per month and sex: the share of telephone and digital contacts
-- answered the same day, and of needed medical assessments made within 3 days.
with cases as (
    select * from {{ ref('stg_pas__accessibility_cases') }}
),

final as (
    select
        cast(period as {{ dbt.type_string() }}) as period,
        cast(calendar_year as integer) as calendar_year,
        cast(sex as {{ dbt.type_string() }}) as sex,
        cast(count(*) as bigint) as cases,
        cast(count(*) filter (where got_contact_same_day) as bigint) as contact_same_day,
        cast(count(*) filter (where needed_assessment) as bigint) as assessments_needed,
        cast(count(*) filter (where assessed_within_3_days) as bigint) as assessed_within_3_days,
        {{ divide('100.0 * count(*) filter (where got_contact_same_day)', 'count(*)') }}
            as same_day_percent,
        {{ divide('100.0 * count(*) filter (where assessed_within_3_days)',
                  'count(*) filter (where needed_assessment)') }}
            as within_3_days_percent
    from cases
    group by all
)

select * from final
