{{ config(contract={'enforced': true}) }}

-- Sales and purchases of activity (the RS lines flagged is_trade_in_activity in seed
-- rs_lines) per kind of counterparty (seed counterparties.rs_motpartstyp) and activity, as the
-- räkenskapssammandrag reports them. External items only.
with amounts as (
    select * from {{ ref('int_rs_amounts_yearly') }}
    where is_trade_in_activity
),

final as (
    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(rs_line_code as {{ dbt.type_string() }}) as rs_line_code,
        cast(rs_line as {{ dbt.type_string() }}) as rs_line,
        cast(activity_code as {{ dbt.type_string() }}) as activity_code,
        cast(counterparty_type as {{ dbt.type_string() }}) as counterparty_type,
        {{ sek('amount_sek') }} as amount_sek
    from amounts
)

select * from final
