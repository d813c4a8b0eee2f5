-- Every row's year to date is the sum of its year's months up to it, for the outcome and the
-- budget, and last year's year to date is last year's row. A row here is one that is not.
with result as (
    select * from {{ ref('monthly_result') }}
),

sums as (
    select
        this_month.period,
        this_month.level,
        this_month.unit_code,
        this_month.line_code,
        max(this_month.actual_ytd_sek) as actual_ytd_sek,
        sum(earlier.actual_month_sek) as summed_sek
    from result as this_month
    inner join result as earlier
        on
            this_month.fiscal_year = earlier.fiscal_year
            and this_month.level = earlier.level
            and this_month.unit_code = earlier.unit_code
            and this_month.line_code = earlier.line_code
            and this_month.month_number >= earlier.month_number
    group by this_month.period, this_month.level, this_month.unit_code, this_month.line_code
)

select * from sums
where actual_ytd_sek <> summed_sek
