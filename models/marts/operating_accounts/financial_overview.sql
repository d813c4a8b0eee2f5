{{ config(contract={'enforced': true}) }}

-- The financial rows of the report's five-year overview, per year, in SEK.
with statement as (
    select * from {{ ref('income_statement') }}
    where scenario = 'utfall'
),

balances as (
    select * from {{ ref('int_account_balances_yearly') }}
),

metrics as (
    select
        fiscal_year,
        {{ report_line('oversikt', 'verksamhetens_nettokostnad') }} as line_code,
        amount_sek
    from statement
    where line_code = {{ report_line('resultatrakning', 'verksamhetens_nettokostnad') }}
    union all
    select
        fiscal_year,
        {{ report_line('oversikt', 'skatt_statsbidrag_och_utjamning') }},
        sum(amount_sek)
    from statement
    where line_code in ({{ report_line('resultatrakning', 'skatteintakter') }}, {{ report_line('resultatrakning', 'generella_statsbidrag') }})
    group by fiscal_year
    union all
    select
        fiscal_year,
        {{ report_line('oversikt', 'verksamhetens_resultat') }},
        amount_sek
    from statement
    where line_code = {{ report_line('resultatrakning', 'verksamhetens_resultat') }}
    union all
    select
        fiscal_year,
        {{ report_line('oversikt', 'finansnetto') }},
        sum(amount_sek)
    from statement
    where line_code in ({{ report_line('resultatrakning', 'finansiella_intakter') }}, {{ report_line('resultatrakning', 'finansiella_kostnader') }})
    group by fiscal_year
    union all
    select
        fiscal_year,
        {{ report_line('oversikt', 'resultat') }},
        amount_sek
    from statement
    where line_code = {{ report_line('resultatrakning', 'arets_resultat') }}
    union all
    select
        fiscal_year,
        {{ report_line('oversikt', 'balanskravsresultat') }},
        amount_sek
    from {{ ref('balance_requirement') }}
    where line_code = {{ report_line('balanskrav', 'resultat_efter_justeringar') }}
    union all
    -- Net investments: the movement of the fixed assets' acquisition values, i.e. the asset
    -- accounts whose movements are investing cash flows.
    select
        fiscal_year,
        {{ report_line('oversikt', 'nettoinvesteringar') }},
        sum(movement_sek)
    from balances
    where is_asset and cash_flow_line_code = {{ report_line('kassaflode', 'kassaflode_investering') }}
    group by fiscal_year
    union all
    select
        fiscal_year,
        {{ report_line('oversikt', 'laneskuld') }},
        amount_sek
    from {{ ref('balance_sheet') }}
    where line_code = {{ report_line('balansrakning', 'langfristiga_skulder') }}
    union all
    select
        fiscal_year,
        {{ report_line('oversikt', 'kassaflode_lopande') }},
        amount_sek
    from {{ ref('cash_flow_statement') }}
    where line_code = {{ report_line('kassaflode', 'kassaflode_lopande') }}
    union all
    -- The pension fund's market value is a memorandum item (account 0930), not a balance.
    select
        fiscal_year,
        {{ report_line('oversikt', 'pensionsfond_marknadsvarde') }},
        closing_sek
    from balances
    where account_code = '0930'
),

layout as (
    select * from {{ ref('report_lines') }}
    where report_table = 'oversikt'
),

final as (
    select
        cast(metrics.fiscal_year as integer) as fiscal_year,
        cast(layout.line_order as integer) as metric_order,
        cast(metrics.line_code as {{ dbt.type_string() }}) as line_code,
        cast(layout.label as {{ dbt.type_string() }}) as metric,
        {{ sek('metrics.amount_sek') }} as amount_sek
    from metrics
    inner join layout on metrics.line_code = layout.line_code
)

select * from final
