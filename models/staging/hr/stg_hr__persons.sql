{{ config(materialized='table') }}

with source as (
    select * from {{ source('hr', 'hr_persons') }}
),

renamed as (
    -- The name and the full birth date stop here: the birth year is all the marts need.
    select
        person_key,
        birth_year,
        kon as sex,
        period as delivered_period,
        _loaded_at as loaded_at
    from source
)

select * from renamed
