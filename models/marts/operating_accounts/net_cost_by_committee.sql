{{ config(contract={'enforced': true}) }}

-- Net cost per committee (nämnd): operating revenue, costs and depreciation of its cost
-- centres, internal trade included (it nets out within the region), against the budget.
with amounts as (
    select * from {{ ref('int_income_statement_amounts') }}
    where is_operating
),

per_committee as (
    select
        fiscal_year,
        committee,
        sum(report_amount_sek) filter (where scenario = 'utfall') as actual_sek,
        sum(report_amount_sek) filter (where scenario = 'budget') as budget_sek
    from amounts
    group by fiscal_year, committee
),

final as (
    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(committee as {{ dbt.type_string() }}) as committee,
        {{ sek('actual_sek') }} as actual_sek,
        {{ sek('budget_sek') }} as budget_sek,
        {{ sek('actual_sek - budget_sek') }} as deviation_sek
    from per_committee
)

select * from final
