{{ config(contract={'enforced': true}) }}

-- The income statement (resultaträkning) per scenario and year, laid out by seed report_lines:
-- each line is the sum of the accounts of the lines under it (parent_code), so the subtotals
-- follow the layout, not this SQL. Internal trade is eliminated: only amounts with an external
-- counterparty count.
with amounts as (
    select * from {{ ref('int_income_statement_amounts') }}
    where not is_internal
),

layout as (
    select * from {{ ref('report_lines') }}
    where report_table = 'resultatrakning'
),

-- Every line with itself and each line above it (the layout is at most four lines deep).
ancestry as (
    select
        line_code,
        line_code as ancestor_code
    from layout
    union all
    select
        line.line_code,
        parent.line_code as ancestor_code
    from layout as line
    inner join layout as parent on line.parent_code = parent.line_code
    union all
    select
        line.line_code,
        grandparent.line_code as ancestor_code
    from layout as line
    inner join layout as parent on line.parent_code = parent.line_code
    inner join layout as grandparent on parent.parent_code = grandparent.line_code
    union all
    select
        line.line_code,
        great_grandparent.line_code as ancestor_code
    from layout as line
    inner join layout as parent on line.parent_code = parent.line_code
    inner join layout as grandparent on parent.parent_code = grandparent.line_code
    inner join layout as great_grandparent
        on grandparent.parent_code = great_grandparent.line_code
),

parents as (
    select distinct parent_code as line_code
    from layout
    where parent_code is not null
),

-- A line other lines add up to is a total: a BI sum over lines leaves the totals out.
lines as (
    select
        layout.line_code,
        layout.label,
        layout.line_order,
        parents.line_code is not null as is_total
    from layout
    left join parents on layout.line_code = parents.line_code
),

account_lines as (
    select
        scenario,
        fiscal_year,
        income_statement_line_code as line_code,
        sum(report_amount_sek) as amount_sek
    from amounts
    group by scenario, fiscal_year, income_statement_line_code
),

scenario_years as (
    select distinct
        scenario,
        fiscal_year
    from amounts
),

statement as (
    select
        scenario_years.scenario,
        scenario_years.fiscal_year,
        lines.line_order,
        lines.line_code,
        lines.label,
        lines.is_total,
        coalesce(sum(account_lines.amount_sek), 0) as amount_sek
    from scenario_years
    cross join lines
    left join ancestry on lines.line_code = ancestry.ancestor_code
    left join account_lines
        on
            ancestry.line_code = account_lines.line_code
            and scenario_years.scenario = account_lines.scenario
            and scenario_years.fiscal_year = account_lines.fiscal_year
    group by
        scenario_years.scenario,
        scenario_years.fiscal_year,
        lines.line_order,
        lines.line_code,
        lines.label,
        lines.is_total
),

final as (
    select
        cast(scenario as varchar) as scenario,
        cast(fiscal_year as integer) as fiscal_year,
        cast(line_order as integer) as line_order,
        cast(line_code as varchar) as line_code,
        cast(label as varchar) as line,
        cast(is_total as boolean) as is_total,
        {{ sek('amount_sek') }} as amount_sek
    from statement
)

select * from final
