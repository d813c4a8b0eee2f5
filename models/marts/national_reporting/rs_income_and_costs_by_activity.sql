{{ config(contract={'enforced': true}) }}

-- The räkenskapssammandrag (RS), the yearly financial statistics every region files with SCB:
-- operating income and costs per activity (VI 2000, seed activities) and RS line (seed
-- rs_lines, accounts mapped in chart_of_accounts.rs_line_code). External items only: trade
-- between the region's own units is eliminated, as in the income statement. Amounts are
-- positive for both income and costs, as the form reports them.
with amounts as (
    select * from {{ ref('int_ledger_amounts_classified') }}
    where scenario = 'utfall' and is_operating and not is_internal
),

lines as (
    select * from {{ ref('rs_lines') }}
),

activities as (
    select * from {{ ref('activities') }}
),

summed as (
    select
        amounts.fiscal_year,
        amounts.activity_code,
        amounts.rs_line_code,
        sum(amounts.report_amount_sek) as report_amount_sek
    from amounts
    group by amounts.fiscal_year, amounts.activity_code, amounts.rs_line_code
),

final as (
    select
        cast(summed.fiscal_year as integer) as fiscal_year,
        cast(summed.activity_code as {{ dbt.type_string() }}) as activity_code,
        cast(activities.verksamhet_namn as {{ dbt.type_string() }}) as activity,
        cast(activities.rs_huvudomrade as {{ dbt.type_string() }}) as main_area,
        cast(summed.rs_line_code as {{ dbt.type_string() }}) as rs_line_code,
        cast(lines.rs_line as {{ dbt.type_string() }}) as rs_line,
        cast(lines.rs_section as {{ dbt.type_string() }}) as rs_section,
        cast(lines.sort_order as integer) as line_order,
        {{ sek("case when lines.rs_section = 'intakter' then summed.report_amount_sek "
               "else -summed.report_amount_sek end") }} as amount_sek
    from summed
    inner join lines on summed.rs_line_code = lines.rs_line_code
    inner join activities on summed.activity_code = activities.verksamhet
)

select * from final
