{{ config(contract={'enforced': true}) }}

-- The räkenskapssammandrag (RS), the yearly financial statistics every region files with SCB:
-- operating income and costs per activity (VI 2000, seed activities) and RS line (seed
-- rs_lines, accounts mapped in chart_of_accounts.rs_line_code), external items only, positive
-- for income and costs alike as the form reports them (int_rs_amounts_yearly).
with amounts as (
    select * from {{ ref('int_rs_amounts_yearly') }}
),

activities as (
    select * from {{ ref('stg_reference__activities') }}
),

final as (
    select
        cast(amounts.fiscal_year as integer) as fiscal_year,
        cast(amounts.activity_code as {{ dbt.type_string() }}) as activity_code,
        cast(activities.activity_name as {{ dbt.type_string() }}) as activity,
        cast(activities.rs_main_area as {{ dbt.type_string() }}) as main_area,
        cast(amounts.rs_line_code as {{ dbt.type_string() }}) as rs_line_code,
        cast(amounts.rs_line as {{ dbt.type_string() }}) as rs_line,
        cast(amounts.rs_section as {{ dbt.type_string() }}) as rs_section,
        cast(amounts.sort_order as integer) as line_order,
        {{ sek('sum(amounts.amount_sek)') }} as amount_sek
    from amounts
    inner join activities on amounts.activity_code = activities.activity_code
    group by
        amounts.fiscal_year, amounts.activity_code, activities.activity_name,
        activities.rs_main_area, amounts.rs_line_code, amounts.rs_line, amounts.rs_section,
        amounts.sort_order
)

select * from final
