{{ config(contract={'enforced': true}) }}

-- The income statement (resultaträkning) per scenario and year, laid out by seed report_lines:
-- each line is the sum of the accounts of the lines under it, so the subtotals follow the
-- layout, not this SQL. Internal trade is eliminated: only amounts with an external
-- counterparty count.
with amounts as (
    select * from {{ ref('int_income_statement_amounts') }}
    where not is_internal
),

ancestry as (
    select * from {{ ref('int_report_line_ancestry') }}
    where report_table = 'resultatrakning'
),

lines as (
    {{ layout_lines('ancestry') }}
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

line_amounts as (
    {{ sum_into_layout('account_lines', 'ancestry', ['scenario', 'fiscal_year']) }}
),

scenario_years as (
    select distinct
        scenario,
        fiscal_year
    from amounts
),

-- Every line in every scenario and year, zero when no account adds to it.
statement as (
    select
        scenario_years.scenario,
        scenario_years.fiscal_year,
        lines.line_order,
        lines.line_code,
        lines.label,
        lines.is_total,
        coalesce(line_amounts.amount_sek, 0) as amount_sek
    from scenario_years
    cross join lines
    left join line_amounts
        on
            scenario_years.scenario = line_amounts.scenario
            and scenario_years.fiscal_year = line_amounts.fiscal_year
            and lines.line_code = line_amounts.line_code
),

final as (
    select
        cast(scenario as {{ dbt.type_string() }}) as scenario,
        cast(fiscal_year as integer) as fiscal_year,
        cast(line_order as integer) as line_order,
        cast(line_code as {{ dbt.type_string() }}) as line_code,
        cast(label as {{ dbt.type_string() }}) as line,
        cast(is_total as boolean) as is_total,
        {{ sek('amount_sek') }} as amount_sek
    from statement
)

select * from final
