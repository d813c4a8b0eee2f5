{{ config(contract={'enforced': true}) }}

-- Net cost per division and other unit of the report's division table, against the budget.
with amounts as (
    select * from {{ ref('int_income_statement_amounts') }}
    where is_operating
),

-- Which lines are divisions (the report subtotals them): seed cost_centres.
divisions as (
    select distinct
        division,
        is_division
    from {{ ref('stg_reference__cost_centres') }}
),

per_division as (
    select
        amounts.fiscal_year,
        amounts.division,
        divisions.is_division,
        sum(amounts.report_amount_sek) filter (where amounts.scenario = 'utfall') as actual_sek,
        sum(amounts.report_amount_sek) filter (where amounts.scenario = 'budget') as budget_sek
    from amounts
    inner join divisions on amounts.division = divisions.division
    group by amounts.fiscal_year, amounts.division, divisions.is_division
),

final as (
    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(division as {{ dbt.type_string() }}) as division,
        cast(is_division as boolean) as is_division,
        {{ sek('actual_sek') }} as actual_sek,
        {{ sek('budget_sek') }} as budget_sek,
        {{ sek('actual_sek - budget_sek') }} as deviation_sek
    from per_division
)

select * from final
