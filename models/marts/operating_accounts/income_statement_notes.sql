{{ config(contract={'enforced': true}) }}

-- Notes 1–7 to the income statement: the external amounts of each note line (seed
-- chart_of_accounts says which accounts make it up), and each note's total.
with amounts as (
    select * from {{ ref('int_income_statement_amounts') }}
    where not is_internal and scenario = 'utfall' and note_table is not null
),

{{ lines_of_accounts('amounts', 'note_table', 'note_line_code', 'totalt') }},

final as (
    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(report_table as {{ dbt.type_string() }}) as note_table,
        cast(line_code as {{ dbt.type_string() }}) as line_code,
        cast(label as {{ dbt.type_string() }}) as line,
        cast(is_total as boolean) as is_total,
        {{ sek('amount_sek') }} as amount_sek
    from labelled
)

select * from final
