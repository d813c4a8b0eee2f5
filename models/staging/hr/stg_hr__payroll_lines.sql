-- Incremental by delivered period (macro periods_loaded_since_last_build).
{{ config(**incremental_by_period()) }}

with source as (
    {{ rows_loaded_since_last_build(source('hr', 'hr_payroll_lines')) }}
),

renamed as (
    select
        lonerad as payroll_line_id,
        period,
        cast(left(period, 4) as integer) as fiscal_year,
        anstallning_id as employment_id,
        person_key,
        lonart as pay_type_code,
        antal as quantity_hours,
        {{ sek('belopp') }} as amount_sek,
        ansvar as cost_centre_code,
        konto as account_code,
        _loaded_at as loaded_at
    from source
)

select * from renamed
