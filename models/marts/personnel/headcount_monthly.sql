-- Incremental by period: a refresh recomputes the months whose employment months changed.
{{ config(contract={'enforced': true}, **incremental_by_period()) }}

-- Headcount and full-time equivalents at every month end: employees (persons) with an
-- employment running on the month's last day, and the sum of their employment rates.
with months as (
    select * from {{ ref('int_employment_months') }}
    where is_employed_at_month_end
    {% if is_incremental() %}
        and {{ periods_loaded_since_last_refresh(ref('int_employment_months')) }}
    {% endif %}
),

final as (
    select
        cast(period as {{ dbt.type_string() }}) as period,
        cast(month_end as date) as month_end,
        cast(occupational_group as {{ dbt.type_string() }}) as occupational_group,
        cast(employment_form as {{ dbt.type_string() }}) as employment_form,
        cast(is_temporary as boolean) as is_temporary,
        cast(sex as {{ dbt.type_string() }}) as sex,
        cast(age_band as {{ dbt.type_string() }}) as age_band,
        cast(division as {{ dbt.type_string() }}) as division,
        cast(count(distinct person_key) as bigint) as headcount,
        cast(sum(employment_rate) as double) as fte
    from months
    group by all
)

select * from final
