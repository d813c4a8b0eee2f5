-- A table, not a view: the follow-up's models read it several times, and Spark plans a chain
-- of views over the whole ledger as one query (its driver ran out of memory planning it).
{{ config(materialized='table') }}

-- Actuals and the periodised budget of every follow-up line (seed follow_up_lines) of every
-- unit, per month, with the year so far: every line in every month of every year with
-- actuals, zero where nothing was booked. A unit shows only its operating lines.
with amounts as (
    select * from {{ ref('int_follow_up_amounts_monthly') }}
),

ancestry as (
    select * from {{ ref('int_report_line_ancestry') }}
    where report_table = 'resultatrakning'
),

follow_up_lines as (
    select * from {{ ref('follow_up_lines') }}
),

-- Every line's amount and the region's balance-requirement adjustments (macro
-- sum_into_follow_up_lines).
all_amounts as (
    {{ sum_into_follow_up_lines('amounts', 'ancestry', 'follow_up_lines',
                                ['scenario', 'fiscal_year', 'month_number', 'level', 'unit_code']) }}
),

unit_lines as (
    select distinct
        level,
        unit_code,
        line_code
    from all_amounts
),

months as (
    select distinct
        fiscal_year,
        month_number
    from all_amounts
    where scenario = 'utfall'
),

budget_years as (
    select distinct fiscal_year from all_amounts
    where scenario = 'budget'
),

grid as (
    select
        months.fiscal_year,
        months.month_number,
        unit_lines.level,
        unit_lines.unit_code,
        unit_lines.line_code,
        budget_years.fiscal_year is not null as has_budget
    from unit_lines
    cross join months
    left join budget_years on months.fiscal_year = budget_years.fiscal_year
),

monthly as (
    select
        grid.fiscal_year,
        grid.month_number,
        grid.level,
        grid.unit_code,
        grid.line_code,
        grid.has_budget,
        coalesce(actual.amount_sek, 0) as actual_month_sek,
        case when grid.has_budget then coalesce(budget.amount_sek, 0) end as budget_month_sek
    from grid
    left join all_amounts as actual
        on
            actual.scenario = 'utfall'
            and grid.fiscal_year = actual.fiscal_year
            and grid.month_number = actual.month_number
            and grid.level = actual.level
            and grid.unit_code = actual.unit_code
            and grid.line_code = actual.line_code
    left join all_amounts as budget
        on
            budget.scenario = 'budget'
            and grid.fiscal_year = budget.fiscal_year
            and grid.month_number = budget.month_number
            and grid.level = budget.level
            and grid.unit_code = budget.unit_code
            and grid.line_code = budget.line_code
),

-- The budget's whole year, including the months not yet reached.
budget_full_year as (
    select
        fiscal_year,
        level,
        unit_code,
        line_code,
        sum(amount_sek) as budget_full_year_sek
    from all_amounts
    where scenario = 'budget'
    group by fiscal_year, level, unit_code, line_code
),

year_to_date as (
    select
        monthly.*,
        sum(monthly.actual_month_sek) over (
            partition by monthly.level, monthly.unit_code, monthly.line_code, monthly.fiscal_year
            order by monthly.month_number
            rows between unbounded preceding and current row
        ) as actual_ytd_sek,
        sum(monthly.budget_month_sek) over (
            partition by monthly.level, monthly.unit_code, monthly.line_code, monthly.fiscal_year
            order by monthly.month_number
            rows between unbounded preceding and current row
        ) as budget_ytd_sek,
        case
            when monthly.has_budget then coalesce(budget_full_year.budget_full_year_sek, 0)
        end as budget_full_year_sek
    from monthly
    left join budget_full_year
        on
            monthly.fiscal_year = budget_full_year.fiscal_year
            and monthly.level = budget_full_year.level
            and monthly.unit_code = budget_full_year.unit_code
            and monthly.line_code = budget_full_year.line_code
)

select * from year_to_date
