-- The räkenskapssammandrag ties to the income statement: per year, the net cost of all
-- activities is the income statement's verksamhetens nettokostnad with the sign turned, to the
-- öre. A row here is a year where they differ (an account without an RS line, a lost activity).
with rs as (
    select
        fiscal_year,
        sum(net_cost_sek) as net_cost_sek
    from {{ ref('rs_net_cost_by_activity') }}
    group by fiscal_year
),

statement as (
    select
        fiscal_year,
        amount_sek
    from {{ ref('income_statement') }}
    where scenario = 'utfall' and line_code = {{ report_line('resultatrakning', 'verksamhetens_nettokostnad') }}
)

select
    statement.fiscal_year,
    statement.amount_sek as income_statement_sek,
    rs.net_cost_sek as rs_net_cost_sek
from statement
left join rs on statement.fiscal_year = rs.fiscal_year
where rs.net_cost_sek is null or rs.net_cost_sek <> -statement.amount_sek
