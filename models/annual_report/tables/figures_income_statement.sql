-- The income statement's tables as printed: the statement itself (actual and budget), its
-- notes, income and costs per type (costs printed positive) and the taxes-and-grants table.
{% set labels = report_labels(['skatter_och_statsbidrag']) %}
with income_statement as (
    select * from {{ ref('income_statement') }}
),

statement_lines as (
    select
        'resultatrakning' as report_table,
        line,
        case when scenario = 'budget' then 'budget_' else '' end || fiscal_year as period,
        amount_sek
    from income_statement
),

notes as (
    select
        note_table as report_table,
        line,
        cast(fiscal_year as {{ dbt.type_string() }}) as period,
        amount_sek
    from {{ ref('income_statement_notes') }}
),

by_type as (
    select
        type_table as report_table,
        line,
        cast(fiscal_year as {{ dbt.type_string() }}) as period,
        case when type_table = 'kostnader_per_slag' then -amount_sek else amount_sek end as amount_sek
    from {{ ref('income_and_costs_by_type') }}
),

taxes_and_grants as (
    select
        fiscal_year,
        line,
        amount_sek
    from income_statement
    where scenario = 'utfall' and line_code in ({{ report_line('resultatrakning', 'skatteintakter') }}, {{ report_line('resultatrakning', 'generella_statsbidrag') }})
),

taxes as (
    select
        'skatter_och_statsbidrag' as report_table,
        line,
        cast(fiscal_year as {{ dbt.type_string() }}) as period,
        amount_sek
    from taxes_and_grants
    union all
    select
        'skatter_och_statsbidrag',
        {{ printed(labels, 'skatter_och_statsbidrag', 'summa') }},
        cast(fiscal_year as {{ dbt.type_string() }}),
        sum(amount_sek)
    from taxes_and_grants
    group by fiscal_year
),

amounts as (
    select * from statement_lines
    union all
    select * from notes
    union all
    select * from by_type
    union all
    select * from taxes
),

final as (
    {{ figures_in_mnkr('amounts') }}
)

select * from final
