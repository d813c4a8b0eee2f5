-- A table, not a view: the follow-up's models read it several times, and Spark plans a chain
-- of views over the whole ledger as one query (its driver ran out of memory planning it).
{{ config(materialized='table') }}

-- The full-year forecast of every follow-up line of every unit, made after each month of each
-- year, by three methods (int_follow_up_part_forecasts): the parts summed into the follow-up's
-- lines (seed report_lines' layout), so every method's lines add up; and the region's
-- balance-requirement adjustments, each as a line of its own.
with part_forecasts as (
    select * from {{ ref('int_follow_up_part_forecasts') }}
),

ancestry as (
    select * from {{ ref('int_report_line_ancestry') }}
    where report_table = 'resultatrakning'
),

follow_up_lines as (
    select * from {{ ref('follow_up_lines') }}
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
