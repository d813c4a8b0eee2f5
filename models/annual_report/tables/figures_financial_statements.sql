-- The balance sheet, cash flow statement, balance requirement, result equalisation reserve and
-- the financial overview as printed, in whole mnkr, and the overview's tax rate (a council
-- decision, printed as decided).
{% set labels = report_labels(['resultatutjamningsreserv', 'oversikt']) %}
with amounts as (
    select
        'balansrakning' as report_table,
        line,
        cast(fiscal_year as {{ dbt.type_string() }}) as period,
        amount_sek
    from {{ ref('balance_sheet') }}
    union all
    select
        'kassaflode',
        line,
        cast(fiscal_year as {{ dbt.type_string() }}),
        amount_sek
    from {{ ref('cash_flow_statement') }}
    union all
    select
        'balanskrav',
        line,
        cast(fiscal_year as {{ dbt.type_string() }}),
        amount_sek
    from {{ ref('balance_requirement') }}
    union all
    select
        'oversikt',
        metric,
        cast(fiscal_year as {{ dbt.type_string() }}),
        amount_sek
    from {{ ref('financial_overview') }}
    {% for line, column in [('en_procent_av_skatter', 'one_percent_of_taxes_sek'),
                            ('ingaende_reserv', 'opening_sek'),
                            ('utgaende_reserv', 'closing_sek')] %}
        union all
        select
            'resultatutjamningsreserv',
            {{ printed(labels, 'resultatutjamningsreserv', line) }},
            cast(fiscal_year as {{ dbt.type_string() }}),
            {{ column }}
        from {{ ref('result_equalisation_reserve') }}
    {% endfor %}
),

money as (
    {{ figures_in_mnkr('amounts') }}
),

tax_rate as (
    select
        'oversikt' as report_table,
        {{ printed(labels, 'oversikt', 'utdebitering') }} as line,
        cast(fiscal_year as {{ dbt.type_string() }}) as period,
        tax_rate_kr_per_100 as value,
        'kr per 100 kr' as unit
    from {{ ref('tax_rate_yearly') }}
),

final as (
    select * from money
    union all
    select * from tax_rate
)

select * from final
