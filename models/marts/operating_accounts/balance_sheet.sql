{{ config(contract={'enforced': true}) }}

-- The balance sheet (balansräkning) at each year's end, and the commitments outside it.
-- Equity at the start of the year is the opening equity plus every earlier year's result:
-- the ledger does not close results into equity, the report does.
with balances as (
    select * from {{ ref('int_account_balances_yearly') }}
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
        balances.fiscal_year,
        balances.balance_sheet_line as line,
        sum({{ balance_sheet_sign('balances.closing_sek', 'balances.is_asset or balances.account_type = \'memo\'') }}) as amount_sek
    from balances
    where balances.balance_sheet_line is not null
    group by balances.fiscal_year, balances.balance_sheet_line
),

by_line as (
    select
        account_lines.fiscal_year,
        account_lines.line,
        account_lines.amount_sek
        + case
            when account_lines.line = 'Eget kapital (ingående)'
                then earlier_results.earlier_results_sek
            else 0
        end as amount_sek
    from account_lines
    inner join earlier_results on account_lines.fiscal_year = earlier_results.fiscal_year
),

line_order as (
    select * from {{ ref('balance_sheet_layout') }}
),

ordered as (
    select
        by_line.fiscal_year,
        line_order.line_order,
        line_order.line_section,
        by_line.line,
        by_line.amount_sek
    from by_line
    inner join line_order on by_line.line = line_order.line
),

totals as (
    select
        fiscal_year,
        6 as line_order,
        'summa' as line_section,
        'Summa anläggningstillgångar' as line,
        sum(amount_sek) filter (where line_section = 'anlaggning') as amount_sek
    from ordered
    group by fiscal_year
    union all
    select
        fiscal_year,
        11,
        'summa',
        'Summa omsättningstillgångar',
        sum(amount_sek) filter (where line_section = 'omsattning')
    from ordered
    group by fiscal_year
    union all
    select
        fiscal_year,
        12,
        'summa',
        'Summa tillgångar',
        sum(amount_sek) filter (where line_section in ('anlaggning', 'omsattning'))
    from ordered
    group by fiscal_year
    union all
    select
        ordered.fiscal_year,
        14,
        'eget_kapital',
        'Periodens resultat',
        max(earlier_results.result_sek)
    from ordered inner join earlier_results on ordered.fiscal_year = earlier_results.fiscal_year
    group by ordered.fiscal_year
    union all
    select
        ordered.fiscal_year,
        15,
        'summa',
        'Summa eget kapital',
        sum(ordered.amount_sek) filter (where ordered.line_section = 'eget_kapital')
        + max(earlier_results.result_sek)
    from ordered inner join earlier_results on ordered.fiscal_year = earlier_results.fiscal_year
    group by ordered.fiscal_year
    union all
    select
        ordered.fiscal_year,
        19,
        'summa',
        'Summa eget kapital, avsättningar och skulder',
        sum(ordered.amount_sek) filter (where ordered.line_section in ('eget_kapital', 'skuld'))
        + max(earlier_results.result_sek)
    from ordered inner join earlier_results on ordered.fiscal_year = earlier_results.fiscal_year
    group by ordered.fiscal_year
),

all_lines as (
    select * from ordered
    union all
    select * from totals
),

final as (
    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(line_order as integer) as line_order,
        cast(line_section as varchar) as line_section,
        cast(line as varchar) as line,
        {{ sek('amount_sek') }} as amount_sek
    from all_lines
)

select * from final
