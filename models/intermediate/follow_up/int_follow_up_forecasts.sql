-- The full-year forecast of every follow-up line of every unit, made after each month of each
-- year, by three methods: `model` (macro full_year_forecast), `budget` (the year's budget,
-- where the year has one) and `run_rate` (the year so far × 12 / months). Each line part is
-- forecast on its own, the year-end closing entries apart from the rest, and the parts are
-- summed into the follow-up's lines (seed report_lines' layout), so every method's lines add up.
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

actual_parts as (
    select
        fiscal_year,
        month_number,
        level,
        unit_code,
        line_code,
        is_year_end_entry,
        adjustment_code,
        sum(amount_sek) as amount_sek
    from amounts
    where scenario = 'utfall'
    group by fiscal_year, month_number, level, unit_code, line_code, is_year_end_entry, adjustment_code
),

budget_months as (
    select
        fiscal_year,
        month_number,
        level,
        unit_code,
        line_code,
        is_year_end_entry,
        adjustment_code,
        sum(amount_sek) as amount_sek
    from amounts
    where scenario = 'budget'
    group by fiscal_year, month_number, level, unit_code, line_code, is_year_end_entry, adjustment_code
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
    from amounts
    where scenario = 'budget'
    group by fiscal_year, level, unit_code, line_code, is_year_end_entry, adjustment_code
),

budget_years as (
    select distinct fiscal_year from budget_parts
),

-- A part with a budget and nothing booked yet is forecast too.
parts as (
    select distinct
        level,
        unit_code,
        line_code,
        is_year_end_entry,
        adjustment_code
    from actual_parts
    union
    select distinct
        level,
        unit_code,
        line_code,
        is_year_end_entry,
        adjustment_code
    from budget_parts
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

-- The parts summed into each follow-up line above them (a unit shows only its operating lines).
line_forecasts as (
    select
        part_forecasts.fiscal_year,
        part_forecasts.month_number,
        part_forecasts.level,
        part_forecasts.unit_code,
        ancestry.ancestor_code as line_code,
        sum(part_forecasts.model_sek) as model_sek,
        sum(part_forecasts.budget_sek) as budget_sek,
        sum(part_forecasts.run_rate_sek) as run_rate_sek
    from part_forecasts
    inner join ancestry on part_forecasts.line_code = ancestry.line_code
    inner join follow_up_lines on ancestry.ancestor_code = follow_up_lines.line_code
    where part_forecasts.level = 'region' or not follow_up_lines.is_region_only
    group by
        part_forecasts.fiscal_year,
        part_forecasts.month_number,
        part_forecasts.level,
        part_forecasts.unit_code,
        ancestry.ancestor_code
),

-- The region's balance-requirement adjustments, each as a line of its own (its code of seed
-- report_lines, table balanskrav).
adjustment_forecasts as (
    select
        fiscal_year,
        month_number,
        level,
        unit_code,
        adjustment_code as line_code,
        sum({{ balance_requirement_adjustment('model_sek') }}) as model_sek,
        sum({{ balance_requirement_adjustment('budget_sek') }}) as budget_sek,
        sum({{ balance_requirement_adjustment('run_rate_sek') }}) as run_rate_sek
    from part_forecasts
    where level = 'region' and adjustment_code <> 'none'
    group by fiscal_year, month_number, level, unit_code, adjustment_code
),

all_lines as (
    select * from line_forecasts
    union all
    select * from adjustment_forecasts
),

methods as (
    select
        fiscal_year,
        month_number,
        level,
        unit_code,
        line_code,
        'model' as method,
        model_sek as forecast_sek
    from all_lines
    union all
    select
        fiscal_year,
        month_number,
        level,
        unit_code,
        line_code,
        'budget' as method,
        budget_sek as forecast_sek
    from all_lines
    where budget_sek is not null
    union all
    select
        fiscal_year,
        month_number,
        level,
        unit_code,
        line_code,
        'run_rate' as method,
        run_rate_sek as forecast_sek
    from all_lines
),

final as (
    select
        fiscal_year,
        month_number,
        level,
        unit_code,
        line_code,
        method,
        {{ sek('forecast_sek') }} as forecast_sek
    from methods
)

select * from final
