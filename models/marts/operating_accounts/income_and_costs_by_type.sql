{{ config(contract={'enforced': true}) }}

-- Operating income and costs per type (intäkter and kostnader per slag), external only, in the
-- income statement's sign (costs negative).
with amounts as (
    select * from {{ ref('int_income_statement_amounts') }}
    where not is_internal and scenario = 'utfall' and by_type_table is not null
),

type_lines as (
    select
        fiscal_year,
        by_type_table as type_table,
        by_type_line as line,
        sum(report_amount_sek) as amount_sek
    from amounts
    group by fiscal_year, by_type_table, by_type_line
),

type_totals as (
    select
        fiscal_year,
        type_table,
        'Summa' as line,
        sum(amount_sek) as amount_sek
    from type_lines
    group by fiscal_year, type_table
),

final as (
    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(type_table as varchar) as type_table,
        cast(line as varchar) as line,
        {{ sek('amount_sek') }} as amount_sek
    from (
        select * from type_lines
        union all
        select * from type_totals
    )
)

select * from final
