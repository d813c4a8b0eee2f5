{{ config(contract={'enforced': true}) }}

-- The balance sheet (balansräkning) at each year's end, and the commitments outside it, laid
-- out by seed report_lines: accounts add to the lines of chart_of_accounts.br_line_code, and
-- each line is the sum of the lines under it. Equity at the start of the year is the opening
-- equity plus every earlier year's result: the ledger does not close results into equity,
-- the report does; the year's result is its own line.
with balances as (
    select * from {{ ref('int_account_balances_yearly') }}
),

ancestry as (
    select * from {{ ref('int_report_line_ancestry') }}
    where report_table = 'balansrakning'
),

lines as (
    {{ layout_lines('ancestry') }}
),

results as (
    select
        fiscal_year,
        amount_sek as result_sek
    from {{ ref('income_statement') }}
    where scenario = 'utfall' and line_code = {{ report_line('resultatrakning', 'arets_resultat') }}
),

earlier_results as (
    select
        fiscal_year,
        result_sek,
        coalesce(sum(result_sek) over (
            order by fiscal_year rows between unbounded preceding and 1 preceding
        ), 0) as earlier_results_sek
    from results
),

account_lines as (
    select
        fiscal_year,
        balance_sheet_line_code as line_code,
        sum({{ balance_sheet_sign('closing_sek', 'is_asset or account_type = \'memo\'') }})
            as amount_sek
    from balances
    where balance_sheet_line_code is not null
    group by fiscal_year, balance_sheet_line_code
),

balance_years as (
    select distinct fiscal_year from account_lines
),

leaf_lines as (
    select
        account_lines.fiscal_year,
        account_lines.line_code,
        account_lines.amount_sek
        + case
            when account_lines.line_code = {{ report_line('balansrakning', 'eget_kapital_ingaende') }}
                then earlier_results.earlier_results_sek
            else 0
        end as amount_sek
    from account_lines
    inner join earlier_results on account_lines.fiscal_year = earlier_results.fiscal_year
    union all
    select
        earlier_results.fiscal_year,
        {{ report_line('balansrakning', 'periodens_resultat') }},
        earlier_results.result_sek
    from earlier_results
    inner join balance_years on earlier_results.fiscal_year = balance_years.fiscal_year
),

line_amounts as (
    {{ sum_into_layout('leaf_lines', 'ancestry', ['fiscal_year']) }}
),

final as (
    select
        cast(line_amounts.fiscal_year as integer) as fiscal_year,
        cast(lines.line_order as integer) as line_order,
        cast(lines.line_code as {{ dbt.type_string() }}) as line_code,
        cast(lines.label as {{ dbt.type_string() }}) as line,
        cast(lines.is_total as boolean) as is_total,
        {{ sek('line_amounts.amount_sek') }} as amount_sek
    from line_amounts
    inner join lines on line_amounts.line_code = lines.line_code
)

select * from final
