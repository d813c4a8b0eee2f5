{{ config(materialized='table') }}

with source as (
    select * from {{ source('hr', 'hr_absences') }}
),

renamed as (
    select
        franvaro_id as absence_id,
        anstallning_id as employment_id,
        person_key,
        franvarotyp as absence_type,
        from_datum as first_day,
        tom_datum as last_day,
        cast(omfattning as decimal(5, 0)) * 0.01 as extent
    from source
)

select * from renamed
