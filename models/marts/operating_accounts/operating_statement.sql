{{ config(contract={'enforced': true}) }}

-- The operating statement (driftredovisning): revenue and costs per unit including trade
-- between the region's units, the elimination of that internal trade, and the totals that
-- agree with the income statement. Costs include depreciation. The total and elimination
-- rows carry their report line's code (seed report_lines) and are named as printed there.
{% set labels = report_labels(['driftredovisning']) %}
with amounts as (
    select * from {{ ref('int_income_statement_amounts') }}
    where is_operating
),

per_unit as (
    select
        fiscal_year,
        operating_statement_unit as unit,
        cast(null as {{ dbt.type_string() }}) as line_code,
        coalesce(sum(report_amount_sek) filter (where scenario = 'utfall' and is_operating_revenue), 0)
            as revenue_actual,
        coalesce(sum(report_amount_sek) filter (where scenario = 'budget' and is_operating_revenue), 0)
            as revenue_budget,
        coalesce(sum(report_amount_sek) filter (where scenario = 'utfall' and not is_operating_revenue), 0)
            as costs_actual,
        coalesce(sum(report_amount_sek) filter (where scenario = 'budget' and not is_operating_revenue), 0)
            as costs_budget
    from amounts
    group by fiscal_year, operating_statement_unit
),

internal as (
    select
        fiscal_year,
        coalesce(sum(report_amount_sek) filter (where scenario = 'utfall' and is_operating_revenue), 0)
            as revenue_actual,
        coalesce(sum(report_amount_sek) filter (where scenario = 'budget' and is_operating_revenue), 0)
            as revenue_budget,
        coalesce(sum(report_amount_sek) filter (where scenario = 'utfall' and not is_operating_revenue), 0)
            as costs_actual,
        coalesce(sum(report_amount_sek) filter (where scenario = 'budget' and not is_operating_revenue), 0)
            as costs_budget
    from amounts
    where is_internal
    group by fiscal_year
),

before_elimination as (
    select
        fiscal_year,
        {{ printed(labels, 'driftredovisning', 'summa_fore_eliminering') }} as unit,
        'summa_fore_eliminering' as line_code,
        sum(revenue_actual) as revenue_actual,
        sum(revenue_budget) as revenue_budget,
        sum(costs_actual) as costs_actual,
        sum(costs_budget) as costs_budget
    from per_unit
    group by fiscal_year
),

elimination as (
    select
        fiscal_year,
        {{ printed(labels, 'driftredovisning', 'eliminering_regioninterna_poster') }} as unit,
        'eliminering_regioninterna_poster' as line_code,
        -revenue_actual as revenue_actual,
        -revenue_budget as revenue_budget,
        -costs_actual as costs_actual,
        -costs_budget as costs_budget
    from internal
),

after_elimination as (
    select
        before_elimination.fiscal_year,
        {{ printed(labels, 'driftredovisning', 'summa_enligt_resultatrakning') }} as unit,
        'summa_enligt_resultatrakning' as line_code,
        before_elimination.revenue_actual + coalesce(elimination.revenue_actual, 0) as revenue_actual,
        before_elimination.revenue_budget + coalesce(elimination.revenue_budget, 0) as revenue_budget,
        before_elimination.costs_actual + coalesce(elimination.costs_actual, 0) as costs_actual,
        before_elimination.costs_budget + coalesce(elimination.costs_budget, 0) as costs_budget
    from before_elimination
    left join elimination on before_elimination.fiscal_year = elimination.fiscal_year
),

budget_years as (
    select distinct fiscal_year from amounts
    where scenario = 'budget'
),

all_lines as (
    select
        *,
        1 as line_group
    from per_unit
    union all
    select
        *,
        2 as line_group
    from before_elimination
    union all
    select
        *,
        3 as line_group
    from elimination
    union all
    select
        *,
        4 as line_group
    from after_elimination
),

-- Years without a loaded budget have no budget figures, not zero ones.
with_budget_flag as (
    select
        all_lines.*,
        budget_years.fiscal_year is not null as has_budget
    from all_lines
    left join budget_years on all_lines.fiscal_year = budget_years.fiscal_year
),

final as (
    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(line_group as integer) as line_group,
        cast(unit as {{ dbt.type_string() }}) as unit,
        cast(line_code as {{ dbt.type_string() }}) as line_code,
        -- The sums before and after elimination add up other rows: units plus the
        -- elimination are the whole.
        cast(line_group in (2, 4) as boolean) as is_total,
        {{ sek('revenue_actual') }} as revenue_actual_sek,
        {{ sek('case when has_budget then revenue_budget end') }} as revenue_budget_sek,
        {{ sek('costs_actual') }} as costs_actual_sek,
        {{ sek('case when has_budget then costs_budget end') }} as costs_budget_sek,
        {{ sek('case when has_budget then revenue_actual + costs_actual - revenue_budget - costs_budget end') }}
            as net_deviation_sek
    from with_budget_flag
)

select * from final
