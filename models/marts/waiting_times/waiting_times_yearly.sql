{{ config(contract={'enforced': true}) }}

-- Per year, kind of wait and sex: the share within the target on the December list, and
-- accumulated over the year (all twelve month-end lists together). Lists of fewer than 5
-- patients are not shown (macro small_cell).
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

counted as (
    select
        calendar_year,
        waiting_kind,
        sex,
        count(*) filter (where is_within_target and month(month_end) = 12) as december_within,
        count(*) filter (where month(month_end) = 12) as december_waiting,
        count(*) filter (where is_within_target) as accumulated_within,
        count(*) as accumulated_waiting
    from by_sex
    group by all
),

-- The December list is shown under the small-cell rule; the sexes add up to Alla.
final as (
    select
        cast(calendar_year as integer) as calendar_year,
        cast(waiting_kind as {{ dbt.type_string() }}) as waiting_kind,
        cast(sex as {{ dbt.type_string() }}) as sex,
        cast(sex = 'Alla' as boolean) as is_total,
        {% set list = ['calendar_year', 'waiting_kind'] %}
        cast({{ small_cell(divide('100.0 * december_within', 'december_waiting'),
                           'december_waiting', 'patients', group_by=list) }} as double)
            as december_percent,
        cast({{ small_cell(divide('100.0 * accumulated_within', 'accumulated_waiting'),
                           'accumulated_waiting', 'patients') }} as double)
            as accumulated_percent,
        cast({{ small_cell('december_waiting', 'december_waiting', 'patients', group_by=list) }} as bigint)
            as december_patients_waiting
    from counted
)

select * from final
