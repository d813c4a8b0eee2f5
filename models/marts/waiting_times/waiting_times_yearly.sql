{{ config(contract={'enforced': true}) }}

-- Per year, kind of wait and sex: the share within the target on the December list, and
-- accumulated over the year (all twelve month-end lists together).
with month_ends as (
    select * from {{ ref('int_waiting_list_month_ends') }}
),

by_sex as (
    select
        calendar_year,
        month_end,
        waiting_kind,
        'Alla' as sex,
        is_within_target
    from month_ends
    union all
    select
        calendar_year,
        month_end,
        waiting_kind,
        sex,
        is_within_target
    from month_ends
),

final as (
    select
        cast(calendar_year as integer) as calendar_year,
        cast(waiting_kind as varchar) as waiting_kind,
        cast(sex as varchar) as sex,
        cast(sex = 'Alla' as boolean) as is_total,
        cast(
            100.0 * count(*) filter (where is_within_target and month(month_end) = 12)
            / nullif(count(*) filter (where month(month_end) = 12), 0) as double)
            as december_percent,
        cast(100.0 * count(*) filter (where is_within_target) / count(*) as double)
            as accumulated_percent,
        cast(count(*) filter (where month(month_end) = 12) as bigint) as december_patients_waiting
    from by_sex
    group by all
)

select * from final
