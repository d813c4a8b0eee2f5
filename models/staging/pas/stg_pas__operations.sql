{{ config(materialized='table') }}

with source as (
    select * from {{ source('pas', 'pas_operations') }}
),

renamed as (
    select
        operation_id,
        period,
        datum as operation_date,
        year(datum) as calendar_year,
        person_key as patient_key,
        operationsenhet as operating_unit,
        specialitet as specialty,
        kon as sex,
        alder as age
    from source
)

select * from renamed
