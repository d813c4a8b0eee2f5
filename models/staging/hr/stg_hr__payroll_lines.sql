{{ config(materialized='table') }}

with source as (
    select * from {{ source('hr', 'hr_payroll_lines') }}
),

renamed as (
    select
        lonerad as payroll_line_id,
        period,
        cast(left(period, 4) as integer) as fiscal_year,
        anstallning_id as employment_id,
        {{ pseudonymise('personnummer') }} as person_key,
        lonart as pay_type_code,
        antal as quantity_hours,
        {{ sek('belopp') }} as amount_sek,
        ansvar as cost_centre_code,
        konto as account_code
    from source
)

select * from renamed
