{{ config(contract={'enforced': true}) }}

-- Notes 1–7 to the income statement: the external amounts of each note line, and the total.
with amounts as (
    select * from {{ ref('int_income_statement_amounts') }}
    where not is_internal and scenario = 'utfall' and note_table is not null
),

-- Every line of every note, for every year, even where nothing was booked: the report prints 0.
years as (
    select distinct fiscal_year from amounts
),

accounts as (
    select * from {{ ref('chart_of_accounts') }}
    where not_tabell is not null
),

line_spine as (
    select distinct
        years.fiscal_year,
        accounts.not_tabell as note_table,
        accounts.not_rad as line
    from accounts
    cross join years
),

note_lines as (
    select
        line_spine.fiscal_year,
        line_spine.note_table,
        line_spine.line,
        coalesce(sum(amounts.report_amount_sek), 0) as amount_sek
    from line_spine
    left join amounts
        on
            line_spine.fiscal_year = amounts.fiscal_year
            and line_spine.note_table = amounts.note_table
            and line_spine.line = amounts.note_line
    group by line_spine.fiscal_year, line_spine.note_table, line_spine.line
),

-- Each table's total line, named as seed report_lines prints it.
total_lines as (
    select
        report_table,
        label
    from {{ ref('report_lines') }}
    where line_code = 'totalt'
),

note_totals as (
    select
        note_lines.fiscal_year,
        note_lines.note_table,
        total_lines.label as line,
        sum(note_lines.amount_sek) as amount_sek,
        true as is_total
    from note_lines
    inner join total_lines on note_lines.note_table = total_lines.report_table
    group by note_lines.fiscal_year, note_lines.note_table, total_lines.label
),

all_lines as (
    select
        *,
        false as is_total
    from note_lines
    union all
    select * from note_totals
),

final as (
    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(note_table as varchar) as note_table,
        cast(line as varchar) as line,
        cast(is_total as boolean) as is_total,
        {{ sek('amount_sek') }} as amount_sek
    from all_lines
)

select * from final
