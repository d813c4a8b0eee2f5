{{ config(contract={'enforced': true}) }}

-- The cash-flow statement (kassaflödesanalys), derived from ledger movements: the year's
-- result plus, per section, the movements of the balance accounts that belong to it
-- (chart_of_accounts.kassaflode_rad). What all sections add up to is the change in cash.
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

sections as (
    select
        fiscal_year,
        cash_flow_section as line,
        -sum(movement_sek) as amount_sek
    from balances
    where cash_flow_section is not null
    group by fiscal_year, cash_flow_section
),

with_result as (
    select
        sections.fiscal_year,
        sections.line,
        sections.amount_sek
        + case
            when sections.line = 'Kassaflöde från den löpande verksamheten' then results.result_sek
            else 0
        end as amount_sek
    from sections
    inner join results on sections.fiscal_year = results.fiscal_year
),

cash as (
    select
        fiscal_year,
        sum(closing_sek - movement_sek) as opening_cash_sek,
        sum(closing_sek) as closing_cash_sek
    from balances
    where account_type = 'likvida_medel'
    group by fiscal_year
),

statement as (
    select
        fiscal_year,
        case line
            when 'Kassaflöde från den löpande verksamheten' then 1
            when 'Kassaflöde från investeringsverksamheten' then 2
            else 3
        end as line_order,
        line,
        amount_sek
    from with_result
    union all
    select
        fiscal_year,
        4,
        'Årets kassaflöde',
        sum(amount_sek)
    from with_result
    group by fiscal_year
    union all
    select
        fiscal_year,
        5,
        'Likvida medel vid årets början',
        opening_cash_sek
    from cash
    union all
    select
        fiscal_year,
        6,
        'Likvida medel vid periodens slut',
        closing_cash_sek
    from cash
),

final as (
    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(line_order as integer) as line_order,
        cast(line as varchar) as line,
        {{ sek('amount_sek') }} as amount_sek
    from statement
)

select * from final
