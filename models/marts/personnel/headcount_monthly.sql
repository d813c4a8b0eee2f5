{{ config(contract={'enforced': true}) }}

-- Headcount and full-time equivalents at every month end: employees (persons) with an
-- employment running on the month's last day, and the sum of their employment rates.
with months as (
    select * from {{ ref('int_employment_months') }}
    where is_employed_at_month_end
),

final as (
    select
        cast(period as varchar) as period,
        cast(month_end as date) as month_end,
        cast(occupational_group as varchar) as occupational_group,
        cast(employment_form as varchar) as employment_form,
        cast(is_temporary as boolean) as is_temporary,
        cast(sex as varchar) as sex,
        cast(age_band as varchar) as age_band,
        cast(division as varchar) as division,
        cast(count(distinct person_key) as bigint) as headcount,
        cast(sum(employment_rate) as double) as fte
    from months
    group by all
)

select * from final
