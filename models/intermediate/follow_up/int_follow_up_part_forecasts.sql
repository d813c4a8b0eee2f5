-- A table, not a view: the follow-up's models read it several times, and Spark plans a chain
-- of views over the whole ledger as one query (its driver ran out of memory planning it).
{{ config(materialized='table') }}

-- The full-year forecast of each part of each line of each unit after every month of every
-- year, by three methods: `model` (macro full_year_forecast), `budget` (the year's budget of
-- the part, where the year has one) and `run_rate`. A part is a leaf line of the income
-- statement, its year-end closing entries apart from the rest (seed year_end_accounts), and
-- each balance-requirement adjustment apart (chart_of_accounts.balanskrav_line_code), so
-- int_follow_up_forecasts can sum them into every line.
with amounts as (
    select * from {{ ref('int_follow_up_amounts_monthly') }}
),

-- int_follow_up_amounts_monthly is one row per scenario, month and part already.
actual_parts as (
    select * from amounts
    where scenario = 'utfall'
),

budget_months as (
    select * from amounts
    where scenario = 'budget'
),

budget_parts as (
    select
        fiscal_year,
        level,
        unit_code,
        line_code,
        is_year_end_entry,
        adjustment_code,
        sum(amount_sek) as amount_sek
    from budget_months
    group by fiscal_year, level, unit_code, line_code, is_year_end_entry, adjustment_code
),

budget_years as (
    select distinct fiscal_year from budget_parts
),

-- Every part with an outcome or a budget (a part budgeted and not yet booked is forecast too).
parts as (
    select distinct
        level,
        unit_code,
        line_code,
        is_year_end_entry,
        adjustment_code
    from amounts
),

months as (
    select distinct
        fiscal_year,
        month_number
    from actual_parts
),

-- Every part in every month, zero where nothing was booked.
part_months as (
    select
        months.fiscal_year,
        months.month_number,
        parts.level,
        parts.unit_code,
        parts.line_code,
        parts.is_year_end_entry,
        parts.adjustment_code,
        coalesce(actual_parts.amount_sek, 0) as amount_sek,
        coalesce(budget_months.amount_sek, 0) as budget_month_sek
    from parts
    cross join months
    left join actual_parts
        on
            months.fiscal_year = actual_parts.fiscal_year
            and months.month_number = actual_parts.month_number
            and parts.level = actual_parts.level
            and parts.unit_code = actual_parts.unit_code
            and parts.line_code = actual_parts.line_code
            and parts.is_year_end_entry = actual_parts.is_year_end_entry
            and parts.adjustment_code = actual_parts.adjustment_code
    left join budget_months
        on
            months.fiscal_year = budget_months.fiscal_year
            and months.month_number = budget_months.month_number
            and parts.level = budget_months.level
            and parts.unit_code = budget_months.unit_code
            and parts.line_code = budget_months.line_code
            and parts.is_year_end_entry = budget_months.is_year_end_entry
            and parts.adjustment_code = budget_months.adjustment_code
),

year_to_date as (
    select
        *,
        sum(amount_sek) over (
            partition by level, unit_code, line_code, is_year_end_entry, adjustment_code, fiscal_year
            order by month_number
            rows between unbounded preceding and current row
        ) as ytd_sek,
        sum(budget_month_sek) over (
            partition by level, unit_code, line_code, is_year_end_entry, adjustment_code, fiscal_year
            order by month_number
            rows between unbounded preceding and current row
        ) as budget_ytd_sek,
        sum(amount_sek) over (
            partition by level, unit_code, line_code, is_year_end_entry, adjustment_code, fiscal_year
        ) as year_sek
    from part_months
),

-- What last year had booked by the same month, and in its whole year.
last_year as (
    select
        fiscal_year + 1 as fiscal_year,
        month_number,
        level,
        unit_code,
        line_code,
        is_year_end_entry,
        adjustment_code,
        ytd_sek as last_year_ytd_sek,
        year_sek as last_year_sek
    from year_to_date
),

part_forecasts as (
    select
        year_to_date.fiscal_year,
        year_to_date.month_number,
        year_to_date.level,
        year_to_date.unit_code,
        year_to_date.line_code,
        year_to_date.is_year_end_entry,
        year_to_date.adjustment_code,
        {{ full_year_forecast(
            'year_to_date.ytd_sek', 'year_to_date.month_number',
            'year_to_date.is_year_end_entry', 'last_year.last_year_ytd_sek',
            'last_year.last_year_sek',
            'case when budget_years.fiscal_year is not null then coalesce(budget_parts.amount_sek, 0)'
            ~ ' - year_to_date.budget_ytd_sek end') }} as model_sek,
        case
            when budget_years.fiscal_year is not null then coalesce(budget_parts.amount_sek, 0)
        end as budget_sek,
        {{ run_rate_forecast('year_to_date.ytd_sek', 'year_to_date.month_number') }} as run_rate_sek
    from year_to_date
    left join last_year
        on
            year_to_date.fiscal_year = last_year.fiscal_year
            and year_to_date.month_number = last_year.month_number
            and year_to_date.level = last_year.level
            and year_to_date.unit_code = last_year.unit_code
            and year_to_date.line_code = last_year.line_code
            and year_to_date.is_year_end_entry = last_year.is_year_end_entry
            and year_to_date.adjustment_code = last_year.adjustment_code
    left join budget_years on year_to_date.fiscal_year = budget_years.fiscal_year
    left join budget_parts
        on
            year_to_date.fiscal_year = budget_parts.fiscal_year
            and year_to_date.level = budget_parts.level
            and year_to_date.unit_code = budget_parts.unit_code
            and year_to_date.line_code = budget_parts.line_code
            and year_to_date.is_year_end_entry = budget_parts.is_year_end_entry
            and year_to_date.adjustment_code = budget_parts.adjustment_code
),

-- To the öre here, as decimals: the lines sum the parts, and a sum of doubles is not the same
-- to the öre from one (parallel) build to the next; a sum of decimals is.
final as (
    select
        fiscal_year,
        month_number,
        level,
        unit_code,
        line_code,
        is_year_end_entry,
        adjustment_code,
        {{ sek('model_sek') }} as model_sek,
        {{ sek('budget_sek') }} as budget_sek,
        {{ sek('run_rate_sek') }} as run_rate_sek
    from part_forecasts
)

select * from final
