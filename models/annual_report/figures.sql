{{ config(contract={'enforced': true}) }}

-- The annual report's tables rebuilt from the marts, in the long shape of the published
-- figures (table, line, period, value, unit) and rounded as the report rounds. One model per
-- group of report tables computes them (figures/); this one only stacks them.
{% set parts = [
    'figures_income_statement', 'figures_net_cost', 'figures_financial_statements',
    'figures_purchased_care', 'figures_personnel_costs', 'figures_staff', 'figures_absence',
    'figures_care_production', 'figures_care_quality', 'figures_key_ratios'] %}
with all_figures as (
    {% for part in parts %}
        select
            report_table,
            line,
            period,
            value,
            unit
        from {{ ref(part) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select
        cast(report_table as {{ dbt.type_string() }}) as {{ adapter.quote('table') }},
        cast(line as {{ dbt.type_string() }}) as line,
        cast(period as {{ dbt.type_string() }}) as period,
        cast(value as double) as value,
        cast(unit as {{ dbt.type_string() }}) as unit
    from all_figures
)

select * from final
