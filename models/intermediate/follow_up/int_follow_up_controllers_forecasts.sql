-- The controllers' full-year forecasts of each division and line, each with the months it
-- stands for: a forecast made after August stands from August until the month before the next
-- one, or to December.
with forecasts as (
    select * from {{ ref('stg_forecast__lines') }}
),

standing as (
    select
        fiscal_year,
        division,
        line_code,
        month_number as from_month,
        coalesce(
            lead(month_number) over (
                partition by fiscal_year, division, line_code
                order by month_number
            ) - 1,
            12
        ) as to_month,
        forecast_sek,
        comment
    from forecasts
)

select * from standing
