{{ config(contract={'enforced': true}) }}

-- The report's financial key ratios, in per cent, unrounded, keyed by their codes in seed
-- report_lines, which also says how many decimals the report prints for each.
with overview as (
    select
        fiscal_year,
        max(amount_sek) filter (where line_code = {{ report_line('oversikt', 'verksamhetens_nettokostnad') }}) as net_cost,
        max(amount_sek) filter (where line_code = {{ report_line('oversikt', 'skatt_statsbidrag_och_utjamning') }}) as taxes_and_grants,
        max(amount_sek) filter (where line_code = {{ report_line('oversikt', 'verksamhetens_resultat') }}) as operating_result,
        max(amount_sek) filter (where line_code = {{ report_line('oversikt', 'resultat') }}) as result,
        max(amount_sek) filter (where line_code = {{ report_line('oversikt', 'balanskravsresultat') }}) as balance_result,
        max(amount_sek) filter (where line_code = {{ report_line('oversikt', 'nettoinvesteringar') }}) as net_investments
    from {{ ref('financial_overview') }}
    group by fiscal_year
),

statement as (
    select
        fiscal_year,
        max(amount_sek) filter (where line_code = {{ report_line('resultatrakning', 'skatteintakter') }}) as taxes,
        max(amount_sek) filter (where line_code = {{ report_line('resultatrakning', 'generella_statsbidrag') }}) as grants,
        max(amount_sek) filter (where line_code = {{ report_line('resultatrakning', 'avskrivningar') }}) as depreciation
    from {{ ref('income_statement') }}
    where scenario = 'utfall'
    group by fiscal_year
),

balance as (
    select
        fiscal_year,
        max(amount_sek) filter (where line_code = {{ report_line('balansrakning', 'summa_eget_kapital') }}) as equity,
        max(amount_sek) filter (where line_code = {{ report_line('balansrakning', 'summa_tillgangar') }}) as total_assets,
        max(amount_sek) filter (where line_code = {{ report_line('balansrakning', 'likvida_medel') }}) as cash,
        max(amount_sek) filter (where line_code = {{ report_line('balansrakning', 'ansvarsforbindelser_pensioner') }}) as pension_commitments
    from {{ ref('balance_sheet') }}
    group by fiscal_year
),

base as (
    select
        overview.*,
        statement.taxes,
        statement.grants,
        statement.depreciation,
        balance.equity,
        balance.total_assets,
        balance.cash,
        balance.pension_commitments,
        lag(overview.net_cost) over (order by overview.fiscal_year) as prev_net_cost,
        lag(overview.taxes_and_grants) over (order by overview.fiscal_year) as prev_taxes_and_grants,
        lag(statement.taxes) over (order by overview.fiscal_year) as prev_taxes,
        lag(statement.grants) over (order by overview.fiscal_year) as prev_grants
    from overview
    inner join statement on overview.fiscal_year = statement.fiscal_year
    inner join balance on overview.fiscal_year = balance.fiscal_year
),

ratios as (
    select
        fiscal_year,
        {{ report_line('finansiella_nyckeltal', 'verksamhetens_nettokostnadsforandring') }}
            as line_code,
        100.0 * ({{ divide('net_cost', 'prev_net_cost') }} - 1) as value_percent
    from base
    union all
    select
        fiscal_year,
        {{ report_line('finansiella_nyckeltal', 'forandring_skatt_statsbidrag') }},
        100.0 * ({{ divide('taxes_and_grants', 'prev_taxes_and_grants') }} - 1)
    from base
    union all
    select
        fiscal_year,
        {{ report_line('finansiella_nyckeltal', 'forandring_skatteintakter') }},
        100.0 * ({{ divide('taxes', 'prev_taxes') }} - 1)
    from base
    union all
    select
        fiscal_year,
        {{ report_line('finansiella_nyckeltal', 'forandring_statsbidrag') }},
        100.0 * ({{ divide('grants', 'prev_grants') }} - 1)
    from base
    union all
    select
        fiscal_year,
        {{ report_line('finansiella_nyckeltal', 'verksamhetens_resultat_av_skatter') }},
        {{ divide('100.0 * operating_result', 'taxes_and_grants') }}
    from base
    union all
    select
        fiscal_year,
        {{ report_line('finansiella_nyckeltal', 'soliditet_blandmodell') }},
        {{ divide('100.0 * equity', 'total_assets') }}
    from base
    union all
    -- Full funding: pension commitments outside the balance sheet count against equity.
    select
        fiscal_year,
        {{ report_line('finansiella_nyckeltal', 'soliditet_fullfondering') }},
        {{ divide('100.0 * (equity - pension_commitments)', 'total_assets') }}
    from base
    union all
    -- Self-financing of investments: result plus depreciation over net investments, capped at
    -- 100 % as the report prints it.
    select
        fiscal_year,
        {{ report_line('finansiella_nyckeltal', 'sjalvfinansiering_investeringar') }},
        least(100.0, {{ divide('100.0 * (result - depreciation)', 'net_investments') }})
    from base
    union all
    select
        fiscal_year,
        {{ report_line('finansiella_nyckeltal', 'likvida_medel_av_nettokostnader') }},
        {{ divide('100.0 * cash', '-net_cost') }}
    from base
    union all
    select
        fiscal_year,
        {{ report_line('finansiella_nyckeltal', 'balanskravsresultat_av_skatter') }},
        {{ divide('100.0 * balance_result', 'taxes_and_grants') }}
    from base
),

-- Names and decimals printed come from the layout.
layout as (
    select * from {{ ref('report_lines') }}
    where report_table = 'finansiella_nyckeltal'
),

final as (
    select
        cast(ratios.fiscal_year as integer) as fiscal_year,
        cast(ratios.line_code as {{ dbt.type_string() }}) as line_code,
        cast(layout.label as {{ dbt.type_string() }}) as ratio,
        cast(layout.decimals as integer) as report_decimals,
        cast(ratios.value_percent as double) as value_percent
    from ratios
    inner join layout on ratios.line_code = layout.line_code
)

select * from final
