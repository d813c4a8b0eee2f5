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
        1 as metric_order,
        'Verksamhetens nettokostnad' as metric,
        amount_sek
    from statement
    where line_code = {{ report_line('resultatrakning', 'verksamhetens_nettokostnad') }}
    union all
    select
        fiscal_year,
        2,
        'Skatt, statsbidrag och utjämning',
        sum(amount_sek)
    from statement
    where line_code in ({{ report_line('resultatrakning', 'skatteintakter') }}, {{ report_line('resultatrakning', 'generella_statsbidrag') }})
    group by fiscal_year
    union all
    select
        fiscal_year,
        3,
        'Verksamhetens resultat',
        amount_sek
    from statement
    where line_code = {{ report_line('resultatrakning', 'verksamhetens_resultat') }}
    union all
    select
        fiscal_year,
        4,
        'Finansnetto',
        sum(amount_sek)
    from statement
    where line_code in ({{ report_line('resultatrakning', 'finansiella_intakter') }}, {{ report_line('resultatrakning', 'finansiella_kostnader') }})
    group by fiscal_year
    union all
    select
        fiscal_year,
        5,
        'Resultat',
        amount_sek
    from statement
    where line_code = {{ report_line('resultatrakning', 'arets_resultat') }}
    union all
    select
        fiscal_year,
        6,
        'Balanskravsresultat',
        amount_sek
    from {{ ref('balance_requirement') }}
    where line = 'Årets resultat efter balanskravsjusteringar'
    union all
    -- Net investments: the movement of the fixed assets' acquisition values, i.e. the asset
    -- accounts whose movements are investing cash flows.
    select
        fiscal_year,
        7,
        'Nettoinvesteringar',
        sum(movement_sek)
    from balances
    where is_asset and cash_flow_line_code = {{ report_line('kassaflode', 'kassaflode_investering') }}
    group by fiscal_year
    union all
    select
        fiscal_year,
        8,
        'Låneskuld',
        amount_sek
    from {{ ref('balance_sheet') }}
    where line_code = {{ report_line('balansrakning', 'langfristiga_skulder') }}
    union all
    select
        fiscal_year,
        9,
        'Kassaflöde från löpande verksamheten',
        amount_sek
    from {{ ref('cash_flow_statement') }}
    where line_code = {{ report_line('kassaflode', 'kassaflode_lopande') }}
    union all
    -- The pension fund's market value is a memorandum item (account 0930), not a balance.
    select
        fiscal_year,
        10,
        'Pensionsfond, marknadsvärde',
        closing_sek
    from balances
    where account_code = '0930'
),

final as (
    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(metric_order as integer) as metric_order,
        cast(metric as varchar) as metric,
        {{ sek('amount_sek') }} as amount_sek
    from metrics
)

select * from final
