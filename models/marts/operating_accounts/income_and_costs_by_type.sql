{{ config(contract={'enforced': true}) }}

-- Operating income and costs per type (intäkter and kostnader per slag, seed chart_of_accounts
-- says which accounts make up each), external only, in the income statement's sign (costs
-- negative), and each table's total.
with amounts as (
    select * from {{ ref('int_income_statement_amounts') }}
    where not is_internal and scenario = 'utfall' and by_type_table is not null
),

{{ lines_of_accounts('amounts', 'by_type_table', 'by_type_line_code', 'summa') }},

final as (
    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(report_table as {{ dbt.type_string() }}) as type_table,
        cast(line_code as {{ dbt.type_string() }}) as line_code,
        cast(label as {{ dbt.type_string() }}) as line,
        cast(is_total as boolean) as is_total,
        {{ sek('amount_sek') }} as amount_sek
    from labelled
)

select * from final
