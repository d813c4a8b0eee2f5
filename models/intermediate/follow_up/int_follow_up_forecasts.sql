-- A table, not a view: the follow-up's models read it several times, and Spark plans a chain
-- of views over the whole ledger as one query (its driver ran out of memory planning it).
{{ config(materialized='table') }}

-- The full-year forecast of every follow-up line of every unit, made after each month of each
-- year, by three methods (int_follow_up_part_forecasts): the parts summed into the follow-up's
-- lines as the actuals are (macro sum_into_follow_up_lines), so every method's lines add up.
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

-- One row per part and method (no budget row in a year without a budget).
part_methods as (
    {% for method in ['model', 'budget', 'run_rate'] %}
        select
            fiscal_year,
            month_number,
            level,
            unit_code,
            line_code,
            adjustment_code,
            '{{ method }}' as method,
            {{ method }}_sek as amount_sek
        from part_forecasts
        where {{ method }}_sek is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

-- The parts summed into every follow-up line and adjustment (macro sum_into_follow_up_lines).
method_lines as (
    {{ sum_into_follow_up_lines('part_methods', 'ancestry', 'follow_up_lines',
                                ['fiscal_year', 'month_number', 'level', 'unit_code', 'method']) }}
),

final as (
    select
        fiscal_year,
        month_number,
        level,
        unit_code,
        line_code,
        method,
        {{ sek('amount_sek') }} as forecast_sek
    from method_lines
)

select * from final
