{{ config(materialized='table') }}

with source as (
    select * from {{ source('pas', 'pas_prescriptions') }}
),

renamed as (
    select
        recept_id as prescription_id,
        period,
        datum as prescription_date,
        year(datum) as calendar_year,
        person_key as patient_key,
        atc as atc_code,
        ansvar as cost_centre_code,
        kon as sex,
        alder as age
    from source
)

select * from renamed
