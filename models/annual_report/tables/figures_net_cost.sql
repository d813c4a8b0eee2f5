-- Net cost per committee and per division (actual, budget, deviation), the division subtotal
-- the key ratios quote, the operating statement (driftredovisning) per unit, and the net cost
-- per inhabitant by activity area.
{% set labels = report_labels(['nettokostnad_per_namnd', 'nettokostnad_per_division',
                               'finansiella_nyckeltal', 'driftredovisning',
                               'nettokostnad_per_invanare_kolada']) %}
with committee_rows as (
    select
        committee as line,
        cast(null as {{ dbt.type_string() }}) as line_code,
        fiscal_year,
        actual_sek,
        budget_sek,
        deviation_sek
    from {{ ref('net_cost_by_committee') }}
    union all
    select
        {{ printed(labels, 'nettokostnad_per_namnd', 'summa') }},
        'summa',
        fiscal_year,
        sum(actual_sek),
        sum(budget_sek),
        sum(deviation_sek)
    from {{ ref('net_cost_by_committee') }}
    group by fiscal_year
),

division_rows as (
    select
        division as line,
        cast(null as {{ dbt.type_string() }}) as line_code,
        fiscal_year,
        actual_sek,
        budget_sek,
        deviation_sek
    from {{ ref('net_cost_by_division') }}
    union all
    select
        {{ printed(labels, 'nettokostnad_per_division', 'divisionerna') }},
        'divisionerna',
        fiscal_year,
        sum(actual_sek),
        sum(budget_sek),
        sum(deviation_sek)
    from {{ ref('net_cost_by_division') }}
    where is_division
    group by fiscal_year
    union all
    select
        {{ printed(labels, 'nettokostnad_per_division', 'summa') }},
        'summa',
        fiscal_year,
        sum(actual_sek),
        sum(budget_sek),
        sum(deviation_sek)
    from {{ ref('net_cost_by_division') }}
    group by fiscal_year
),

net_cost_tables as (
    {% for table, rows in [('nettokostnad_per_namnd', 'committee_rows'),
                           ('nettokostnad_per_division', 'division_rows')] %}
        select
            '{{ table }}' as report_table,
            line,
            cast(fiscal_year as {{ dbt.type_string() }}) as period,
            actual_sek as amount_sek
        from {{ rows }}
        union all
        select
            '{{ table }}',
            line,
            'budget_' || fiscal_year,
            budget_sek
        from {{ rows }}
        where budget_sek is not null
        union all
        select
            '{{ table }}',
            line,
            'avvikelse_' || fiscal_year,
            deviation_sek
        from {{ rows }}
        where deviation_sek is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

division_deviation as (
    select
        'finansiella_nyckeltal' as report_table,
        {{ printed(labels, 'finansiella_nyckeltal', 'budgetavvikelse_divisionerna') }} as line,
        cast(fiscal_year as {{ dbt.type_string() }}) as period,
        deviation_sek as amount_sek
    from division_rows
    where line_code = 'divisionerna' and deviation_sek is not null
),

operating_statement as (
    select * from {{ ref('operating_statement') }}
),

-- One row per unit, side (income, costs, net deviation) and scenario.
driftredovisning as (
    {% for side, actual, budget in [('intakter', 'revenue_actual_sek', 'revenue_budget_sek'),
                                    ('kostnader', 'costs_actual_sek', 'costs_budget_sek'),
                                    ('avvikelse_nettokostnad', 'net_deviation_sek', none)] %}
        select
            'driftredovisning' as report_table,
            unit || ' | ' || {{ printed(labels, 'driftredovisning', side) }} as line,
            cast(fiscal_year as {{ dbt.type_string() }}) as period,
            {{ actual }} as amount_sek
        from operating_statement
        where {{ actual }} is not null
        {% if budget %}
            union all
            select
                'driftredovisning',
                unit || ' | ' || {{ printed(labels, 'driftredovisning', side) }},
                'budget_' || fiscal_year,
                {{ budget }}
            from operating_statement
            where {{ budget }} is not null
        {% endif %}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

amounts as (
    select * from net_cost_tables
    union all
    select * from division_deviation
    union all
    select * from driftredovisning
),

in_mnkr as (
    {{ figures_in_mnkr('amounts') }}
),

-- The overview's net cost per inhabitant by activity area (Kolada's figures, from the
-- räkenskapssammandrag), in whole kronor.
per_inhabitant as (
    select
        'nettokostnad_per_invanare_kolada' as report_table,
        case area_code
            {% for code in ['110', '120', '130', '140', '150', '160', '170', '200',
                            'hs_exkl_tandvard'] %}
                when '{{ code }}'
                    then {{ printed(labels, 'nettokostnad_per_invanare_kolada', code) }}
            {% endfor %}
        end as line,
        cast(fiscal_year as {{ dbt.type_string() }}) as period,
        {{ report_round('net_cost_per_inhabitant_kr', 0) }} as value,
        'kr per inhabitant' as unit
    from {{ ref('net_cost_per_inhabitant_by_activity') }}
),

final as (
    select * from in_mnkr
    union all
    select * from per_inhabitant
)

select * from final
