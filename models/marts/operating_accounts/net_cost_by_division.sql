{{ config(contract={'enforced': true}) }}

-- Net cost per division and other unit of the report's division table, against the budget.
with amounts as (
    select * from {{ ref('int_income_statement_amounts') }}
    where is_operating
),

per_division as (
    select
        fiscal_year,
        division,
        starts_with(division, 'Division ') as is_division,
        sum(report_amount_sek) filter (where scenario = 'utfall') as actual_sek,
        sum(report_amount_sek) filter (where scenario = 'budget') as budget_sek
    from amounts
    group by fiscal_year, division
),

final as (
    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(division as varchar) as division,
        cast(is_division as boolean) as is_division,
        {{ sek('actual_sek') }} as actual_sek,
        {{ sek('budget_sek') }} as budget_sek,
        {{ sek('actual_sek - budget_sek') }} as deviation_sek
    from per_division
)

select * from final
