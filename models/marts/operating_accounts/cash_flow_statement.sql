{{ config(contract={'enforced': true}) }}

-- The cash-flow statement (kassaflödesanalys), derived from ledger movements and laid out by
-- seed report_lines: the year's result plus, per section, the movements of the balance
-- accounts that belong to it (chart_of_accounts.kassaflode_line_code). What the sections add
-- up to (the year's cash flow) is the change in cash between the opening and closing lines.
with balances as (
    select * from {{ ref('int_account_balances_yearly') }}
),

ancestry as (
    select * from {{ ref('int_report_line_ancestry') }}
    where report_table = 'kassaflode'
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

sections as (
    select
        fiscal_year,
        cash_flow_line_code as line_code,
        -sum(movement_sek) as amount_sek
    from balances
    where cash_flow_line_code is not null
    group by fiscal_year, cash_flow_line_code
),

with_result as (
    select
        sections.fiscal_year,
        sections.line_code,
        sections.amount_sek
        + case
            when sections.line_code = {{ report_line('kassaflode', 'kassaflode_lopande') }}
                then results.result_sek
            else 0
        end as amount_sek
    from sections
    inner join results on sections.fiscal_year = results.fiscal_year
),

section_amounts as (
    {{ sum_into_layout('with_result', 'ancestry', ['fiscal_year']) }}
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

line_amounts as (
    select * from section_amounts
    union all
    select
        fiscal_year,
        {{ report_line('kassaflode', 'likvida_medel_ingaende') }},
        opening_cash_sek
    from cash
    union all
    select
        fiscal_year,
        {{ report_line('kassaflode', 'likvida_medel_utgaende') }},
        closing_cash_sek
    from cash
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
