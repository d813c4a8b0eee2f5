-- Incremental by period: a refresh rebuilds every month from the earliest one its new
-- employments or persons reach (macro periods_from_earliest_loaded_since_last_refresh).
{{ config(**incremental_by_period()) }}

-- Every employment in every month it runs, with who, what and where: the base of headcount,
-- FTE, scheduled hours and absence. An employment counts in the month-end headcount when it
-- runs on the month's last day; its FTE there is its employment rate.
with employments as (
    select * from {{ ref('stg_hr__employments') }}
    {% if is_incremental() %}
        where {{ periods_from_earliest_loaded_since_last_refresh([
            (ref('stg_hr__employments'), 'period'),
            (ref('stg_hr__persons'), 'delivered_period')]) }}
    {% endif %}
),

persons as (
    select * from {{ ref('stg_hr__persons') }}
),

occupations as (
    select * from {{ ref('stg_reference__occupations') }}
),

cost_centres as (
    select * from {{ ref('stg_reference__cost_centres') }}
),

final as (
    select
        employments.period,
        employments.calendar_year,
        employments.month_end,
        employments.employment_id,
        employments.person_key,
        employments.employment_form,
        employments.is_temporary,
        employments.occupation_code,
        occupations.occupation_group as occupational_group,
        employments.employment_rate,
        employments.ordinary_hours,
        employments.cost_centre_code,
        cost_centres.division,
        employments.is_manager,
        employments.start_date,
        employments.end_date,
        employments.end_reason,
        persons.sex,
        persons.birth_year,
        {{ age_band('employments.calendar_year', 'persons.birth_year') }} as age_band,
        {{ overlap_days('employments.start_date', "coalesce(employments.end_date, date '2999-12-31')",
                        month_start('employments.month_end'), 'employments.month_end') }}
            as employed_days,
        employments.start_date <= employments.month_end
        and coalesce(employments.end_date, employments.month_end) >= employments.month_end
            as is_employed_at_month_end,
        greatest(employments.loaded_at, coalesce(persons.loaded_at, employments.loaded_at))
            as loaded_at
    from employments
    left join persons on employments.person_key = persons.person_key
    left join occupations on employments.occupation_code = occupations.occupation_code
    left join cost_centres on employments.cost_centre_code = cost_centres.cost_centre_code
)

select * from final
