{{ config(contract={'enforced': true}) }}

-- Primary care's accessibility per year and sex: accumulated over the year's cases (the year's
-- value, "snitt för året" and "ackumulerat" alike) and in December.
with monthly as (
    select * from {{ ref('accessibility_monthly') }}
),

by_sex as (
    select
        'Alla' as sex_group,
        *
    from monthly
    union all
    select
        sex as sex_group,
        *
    from monthly
),

final as (
    select
        cast(calendar_year as integer) as calendar_year,
        cast(sex_group as {{ dbt.type_string() }}) as sex,
        cast(sex_group = 'Alla' as boolean) as is_total,
        {{ divide('100.0 * sum(contact_same_day)', 'sum(cases)') }} as same_day_percent,
        {{ divide("100.0 * sum(contact_same_day) filter (where right(period, 2) = '12')",
                  "sum(cases) filter (where right(period, 2) = '12')") }}
            as december_same_day_percent,
        {{ divide('100.0 * sum(assessed_within_3_days)', 'sum(assessments_needed)') }}
            as within_3_days_percent,
        {{ divide("100.0 * sum(assessed_within_3_days) filter (where right(period, 2) = '12')",
                  "sum(assessments_needed) filter (where right(period, 2) = '12')") }}
            as december_within_3_days_percent
    from by_sex
    group by calendar_year, sex_group
)

select * from final
