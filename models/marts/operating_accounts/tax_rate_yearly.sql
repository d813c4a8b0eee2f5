{{ config(contract={'enforced': true}) }}

-- The tax rate per year as the regional council decided it (seed council_decisions): an
-- input the report prints, not a figure computed from transactions.
with decisions as (
    select * from {{ ref('council_decisions') }}
),

final as (
    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(tax_rate_kr_per_100 as decimal(5, 2)) as tax_rate_kr_per_100,
        cast(decided_by as {{ dbt.type_string() }}) as decided_by,
        cast(decision as {{ dbt.type_string() }}) as decision
    from decisions
)

select * from final
