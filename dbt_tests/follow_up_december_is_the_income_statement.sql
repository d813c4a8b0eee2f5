-- The region's year to date after December is the income statement of that year, line by
-- line, to the öre, for every year whose December the ledger holds (a year in progress has
-- none yet). A row here is a line and year where they differ (or one of them is missing).
with december as (
    select
        fiscal_year,
        line_code,
        actual_ytd_sek
    from {{ ref('monthly_result') }}
    where level = 'region' and month_number = 12
),

closed_years as (
    select distinct fiscal_year from {{ ref('ledger_monthly') }}
    where period = cast(fiscal_year as {{ dbt.type_string() }}) || '-12'
),

statement as (
    select
        fiscal_year,
        line_code,
        amount_sek
    from {{ ref('income_statement') }}
    where
        scenario = 'utfall'
        and fiscal_year in (select closed_years.fiscal_year from closed_years)
        and line_code in (select follow_up_lines.line_code from {{ ref('follow_up_lines') }} as follow_up_lines)
)

select
    coalesce(december.fiscal_year, statement.fiscal_year) as fiscal_year,
    coalesce(december.line_code, statement.line_code) as line_code,
    december.actual_ytd_sek,
    statement.amount_sek as income_statement_sek
from december
full outer join statement
    on
        december.fiscal_year = statement.fiscal_year
        and december.line_code = statement.line_code
where
    december.actual_ytd_sek is null
    or statement.amount_sek is null
    or december.actual_ytd_sek <> statement.amount_sek
