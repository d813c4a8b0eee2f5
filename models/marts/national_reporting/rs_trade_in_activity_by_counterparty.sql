{{ config(contract={'enforced': true}) }}

-- Sales and purchases of activity (the RS lines flagged is_trade_in_activity in seed
-- rs_lines) per kind of counterparty (seed counterparties.rs_motpartstyp) and activity, as the
-- räkenskapssammandrag reports them. External items only.
with amounts as (
    select * from {{ ref('int_ledger_amounts_classified') }}
    where scenario = 'utfall' and is_operating and not is_internal
),

lines as (
    select * from {{ ref('rs_lines') }}
    where is_trade_in_activity
),

summed as (
    select
        amounts.fiscal_year,
        amounts.rs_line_code,
        amounts.activity_code,
        amounts.counterparty_type,
        sum(amounts.report_amount_sek) as report_amount_sek
    from amounts
    group by amounts.fiscal_year, amounts.rs_line_code, amounts.activity_code, amounts.counterparty_type
),

final as (
    select
        cast(summed.fiscal_year as integer) as fiscal_year,
        cast(summed.rs_line_code as {{ dbt.type_string() }}) as rs_line_code,
        cast(lines.rs_line as {{ dbt.type_string() }}) as rs_line,
        cast(summed.activity_code as {{ dbt.type_string() }}) as activity_code,
        cast(summed.counterparty_type as {{ dbt.type_string() }}) as counterparty_type,
        {{ sek("case when lines.rs_section = 'intakter' then summed.report_amount_sek "
               "else -summed.report_amount_sek end") }} as amount_sek
    from summed
    inner join lines on summed.rs_line_code = lines.rs_line_code
)

select * from final
