{{ config(contract={'enforced': true}) }}

-- Turnover of permanent staff per year: permanent employments that ended because the employee
-- left for another employer, and retirements, as shares of the permanent headcount on
-- 31 December (the report's base: 593 of 6,550 is its 9.1 %).
with months as (
    select * from {{ ref('int_employment_months') }}
    where not is_temporary
),

endings as (
    select distinct
        employment_id,
        year(end_date) as calendar_year,
        end_reason
    from months
    where end_date is not null
),

year_end as (
    select
        calendar_year,
        count(distinct person_key) as permanent_headcount
    from months
    where period = calendar_year || '-12' and is_employed_at_month_end
    group by calendar_year
),

counted as (
    select
        calendar_year,
        count(*) filter (where end_reason = 'Egen begäran, extern') as left_for_other_employer,
        count(*) filter (where end_reason = 'Pension') as retirements,
        count(*) as all_endings
    from endings
    group by calendar_year
),

final as (
    select
        cast(year_end.calendar_year as integer) as calendar_year,
        cast(year_end.permanent_headcount as bigint) as permanent_headcount,
        cast(coalesce(counted.left_for_other_employer, 0) as bigint) as left_for_other_employer,
        cast(coalesce(counted.retirements, 0) as bigint) as retirements,
        cast(coalesce(counted.all_endings, 0) as bigint) as all_endings,
        {{ divide('100.0 * coalesce(counted.left_for_other_employer, 0)',
                  'year_end.permanent_headcount') }} as turnover_percent,
        {{ divide('100.0 * coalesce(counted.retirements, 0)', 'year_end.permanent_headcount') }}
            as retirement_percent
    from year_end
    left join counted on year_end.calendar_year = counted.calendar_year
)

select * from final
