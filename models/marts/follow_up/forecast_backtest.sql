{{ config(contract={'enforced': true}) }}

-- How well each forecast method would have done: the full-year figure each method gave after
-- months 1–11 of every year that has a year before it, beside the year's outcome.
with forecasts as (
    select * from {{ ref('int_follow_up_forecasts') }}
    where month_number between 1 and 11
),

lines as (
    select * from {{ ref('int_follow_up_lines_monthly') }}
),

-- The outcome: the year to date after December.
outcomes as (
    select
        fiscal_year,
        level,
        unit_code,
        line_code,
        actual_ytd_sek as actual_sek
    from lines
    where month_number = 12
),

first_year as (
    select min(fiscal_year) as fiscal_year from lines
),

final as (
    select
        cast(forecasts.fiscal_year as integer) as forecast_year,
        cast(forecasts.month_number as integer) as forecast_month,
        cast(forecasts.level as {{ dbt.type_string() }}) as level,
        cast(forecasts.unit_code as {{ dbt.type_string() }}) as unit_code,
        cast(forecasts.line_code as {{ dbt.type_string() }}) as line_code,
        cast(forecasts.method as {{ dbt.type_string() }}) as method,
        {{ sek('forecasts.forecast_sek') }} as forecast_sek,
        {{ sek('outcomes.actual_sek') }} as actual_sek,
        {{ sek('forecasts.forecast_sek - outcomes.actual_sek') }} as error_sek
    from forecasts
    inner join outcomes
        on
            forecasts.fiscal_year = outcomes.fiscal_year
            and forecasts.level = outcomes.level
            and forecasts.unit_code = outcomes.unit_code
            and forecasts.line_code = outcomes.line_code
    cross join first_year
    where forecasts.fiscal_year > first_year.fiscal_year
)

select * from final
