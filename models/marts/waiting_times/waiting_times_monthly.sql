{{ config(contract={'enforced': true}) }}

-- Patients on the waiting list at each month end and the share who had waited no longer than
-- the target (90 days; 30 for BUP), per kind of wait, sex and specialty; patient-chosen waits
-- excluded as the national method does. Cells of fewer than 5 patients are not shown, and
-- nor is the smallest other specialty of a list with one such cell: the specialties add up to
-- the list's total in waiting_times_yearly (macro small_cell with group_by).
with month_ends as (
    select * from {{ ref('int_waiting_list_month_ends') }}
),

counted as (
    select
        period,
        month_end,
        waiting_kind,
        sex,
        specialty,
        count(*) as on_list,
        count(*) filter (where is_within_target) as within_target
    from month_ends
    group by all
),

final as (
    select
        cast(period as {{ dbt.type_string() }}) as period,
        cast(month_end as date) as month_end,
        cast(waiting_kind as {{ dbt.type_string() }}) as waiting_kind,
        cast(sex as {{ dbt.type_string() }}) as sex,
        cast(specialty as {{ dbt.type_string() }}) as specialty,
        {% set list = ['period', 'waiting_kind', 'sex'] %}
        cast({{ small_cell('on_list', 'on_list', 'patients', group_by=list) }} as bigint)
            as patients_waiting,
        cast({{ small_cell('within_target', 'on_list', 'patients', group_by=list) }} as bigint)
            as patients_within_target,
        cast({{ small_cell(divide('100.0 * within_target', 'on_list'), 'on_list', 'patients',
                           group_by=list) }} as double) as within_target_percent
    from counted
)

select * from final
