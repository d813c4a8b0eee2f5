-- A table, not a view: the pseudonymisation key must not be stored in a view's definition.
{{ config(materialized='table') }}

with source as (
    select * from {{ source('hr', 'hr_persons') }}
),

renamed as (
    -- The name and the full birth date stop here: the birth year is all the marts need.
    select
        {{ pseudonymise('personnummer') }} as person_key,
        year(fodelsedatum) as birth_year,
        kon as sex,
        period as delivered_period
    from source
)

select * from renamed
