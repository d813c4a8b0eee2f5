-- The key ratios as printed: the financial key ratios (and the overview's two solidity
-- ratios) and the hired-staff key ratios, each to the decimals the report prints.
{% set labels = report_labels(['inhyrd_personal_nyckeltal']) %}
with financial_ratios as (
    select * from {{ ref('financial_key_ratios') }}
    where value_percent is not null
),

financial as (
    select
        'finansiella_nyckeltal' as report_table,
        ratio as line,
        cast(fiscal_year as {{ dbt.type_string() }}) as period,
        {{ report_round('value_percent', 'report_decimals') }} as value,
        'percent' as unit
    from financial_ratios
    union all
    -- The overview repeats the two solidity ratios.
    select
        'oversikt',
        ratio,
        cast(fiscal_year as {{ dbt.type_string() }}),
        {{ report_round('value_percent', 'report_decimals') }},
        'percent'
    from financial_ratios
    -- Plain codes, not report_line(): the seed is already a parent of financial_key_ratios,
    -- and a mistyped code here empties the overview's rows, which builds_its_declared_figures
    -- reports by name.
    where line_code in ('soliditet_blandmodell', 'soliditet_fullfondering')
),

hired_staff_ratios as (
    {% for line, column, places, unit in [
        ('andel_kostnad_inhyrda', 'hired_cost_share_percent', 1, 'percent'),
        ('okning_timmar_inhyrda', 'hired_hours_change_percent', 1, 'percent'),
        ('okning_arsarbetare_inhyrda', 'hired_fte_change', 0, 'FTE'),
        ('okning_arsarbetare_egna', 'own_fte_change', 0, 'FTE'),
        ('okning_total_arbetad_tid', 'total_worked_change_percent', 1, 'percent')] %}
        select
            'inhyrd_personal_nyckeltal' as report_table,
            {{ printed(labels, 'inhyrd_personal_nyckeltal', line) }} as line,
            cast(fiscal_year as {{ dbt.type_string() }}) as period,
            {{ report_round(column, places) }} as value,
            '{{ unit }}' as unit
        from {{ ref('staff_key_ratios_yearly') }}
        where {{ column }} is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select * from financial
    union all
    select * from hired_staff_ratios
)

select * from final
