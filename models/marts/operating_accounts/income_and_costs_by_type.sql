{{ config(contract={'enforced': true}) }}

-- Operating income and costs per type (intäkter and kostnader per slag), external only, in the
-- income statement's sign (costs negative).
with amounts as (
    select * from {{ ref('int_income_statement_amounts') }}
    where not is_internal and scenario = 'utfall' and by_type_table is not null
),

years as (
    select distinct fiscal_year from amounts
),

accounts as (
    select * from {{ ref('chart_of_accounts') }}
    where slag_tabell is not null
),

line_spine as (
    select distinct
        years.fiscal_year,
        accounts.slag_tabell as type_table,
        accounts.slag_rad as line
    from accounts
    cross join years
),

type_lines as (
    select
        line_spine.fiscal_year,
        line_spine.type_table,
        line_spine.line,
        coalesce(sum(amounts.report_amount_sek), 0) as amount_sek
    from line_spine
    left join amounts
        on
            line_spine.fiscal_year = amounts.fiscal_year
            and line_spine.type_table = amounts.by_type_table
            and line_spine.line = amounts.by_type_line
    group by line_spine.fiscal_year, line_spine.type_table, line_spine.line
),

-- Each table's total line, named as seed report_lines prints it.
total_lines as (
    select
        report_table,
        label
    from {{ ref('report_lines') }}
    where line_code = 'summa'
),

type_totals as (
    select
        type_lines.fiscal_year,
        type_lines.type_table,
        total_lines.label as line,
        sum(type_lines.amount_sek) as amount_sek,
        true as is_total
    from type_lines
    inner join total_lines on type_lines.type_table = total_lines.report_table
    group by type_lines.fiscal_year, type_lines.type_table, total_lines.label
),

all_lines as (
    select
        *,
        false as is_total
    from type_lines
    union all
    select * from type_totals
),

final as (
    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(type_table as varchar) as type_table,
        cast(line as varchar) as line,
        cast(is_total as boolean) as is_total,
        {{ sek('amount_sek') }} as amount_sek
    from all_lines
)

select * from final
