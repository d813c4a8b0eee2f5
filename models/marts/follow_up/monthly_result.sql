{{ config(contract={'enforced': true}) }}

-- The controllers' month: per month, unit and line of the income statement, the month's
-- outcome, the year so far against the periodised budget and against the same months of last
-- year, and where the year will land (the full-year budget and the forecast, method `model`
-- of forecast_backtest).
with lines as (
    select * from {{ ref('int_follow_up_lines_monthly') }}
),

units as (
    select * from {{ ref('int_follow_up_units') }}
),

follow_up_lines as (
    select * from {{ ref('follow_up_lines') }}
),

labels as (
    select
        line_code,
        label
    from {{ ref('report_lines') }}
    where report_table = 'resultatrakning'
),

forecasts as (
    select * from {{ ref('int_follow_up_forecasts') }}
    where method = 'model'
),

controllers as (
    select * from {{ ref('int_follow_up_controllers_forecasts') }}
),

final as (
    select
        {{ period_of_month('lines.fiscal_year', 'lines.month_number') }} as period,
        cast(lines.fiscal_year as integer) as fiscal_year,
        cast(lines.month_number as integer) as month_number,
        cast(lines.level as {{ dbt.type_string() }}) as level,
        cast(lines.unit_code as {{ dbt.type_string() }}) as unit_code,
        cast(units.unit_name as {{ dbt.type_string() }}) as unit_name,
        cast(units.parent_unit_code as {{ dbt.type_string() }}) as parent_unit_code,
        cast(lines.line_code as {{ dbt.type_string() }}) as line_code,
        cast(labels.label as {{ dbt.type_string() }}) as line,
        cast(follow_up_lines.line_order as integer) as line_order,
        {{ sek('lines.actual_month_sek') }} as actual_month_sek,
        {{ sek('lines.actual_ytd_sek') }} as actual_ytd_sek,
        {{ sek('lines.budget_ytd_sek') }} as budget_ytd_sek,
        {{ sek('lines.actual_ytd_sek - lines.budget_ytd_sek') }} as deviation_ytd_sek,
        {{ sek('previous_year.actual_ytd_sek') }} as actual_ytd_previous_year_sek,
        {{ sek('lines.budget_full_year_sek') }} as budget_full_year_sek,
        {{ sek('forecasts.forecast_sek') }} as forecast_full_year_sek,
        {{ sek('controllers.forecast_sek') }} as controllers_forecast_sek,
        cast(controllers.comment as {{ dbt.type_string() }}) as controllers_comment
    from lines
    inner join units
        on
            lines.level = units.level
            and lines.unit_code = units.unit_code
    inner join follow_up_lines on lines.line_code = follow_up_lines.line_code
    left join labels on lines.line_code = labels.line_code
    left join lines as previous_year
        on
            lines.fiscal_year - 1 = previous_year.fiscal_year
            and lines.month_number = previous_year.month_number
            and lines.level = previous_year.level
            and lines.unit_code = previous_year.unit_code
            and lines.line_code = previous_year.line_code
    left join forecasts
        on
            lines.fiscal_year = forecasts.fiscal_year
            and lines.month_number = forecasts.month_number
            and lines.level = forecasts.level
            and lines.unit_code = forecasts.unit_code
            and lines.line_code = forecasts.line_code
    left join controllers
        on
            lines.level = 'division'
            and lines.fiscal_year = controllers.fiscal_year
            and lines.month_number between controllers.from_month and controllers.to_month
            and lines.unit_code = controllers.division
            and lines.line_code = controllers.line_code
)

select * from final
