{{ config(contract={'enforced': true}) }}

-- Notes 1–7 to the income statement: the external amounts of each note line, and the total.
with amounts as (
    select * from {{ ref('int_income_statement_amounts') }}
    where not is_internal and scenario = 'utfall' and note_table is not null
),

note_lines as (
    select
        fiscal_year,
        note_table,
        note_line as line,
        sum(report_amount_sek) as amount_sek
    from amounts
    group by fiscal_year, note_table, note_line
),

note_totals as (
    select
        fiscal_year,
        note_table,
        'Totalt' as line,
        sum(amount_sek) as amount_sek
    from note_lines
    group by fiscal_year, note_table
),

final as (
    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(note_table as varchar) as note_table,
        cast(line as varchar) as line,
        {{ sek('amount_sek') }} as amount_sek
    from (
        select * from note_lines
        union all
        select * from note_totals
    )
)

select * from final
