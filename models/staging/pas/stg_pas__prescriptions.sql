-- Incremental by delivered period (macro periods_loaded_since_last_build).
{{ config(**incremental_by_period()) }}

with source as (
    {{ rows_loaded_since_last_build(source('pas', 'pas_prescriptions')) }}
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
        alder as age,
        _loaded_at as loaded_at
    from source
)

select * from renamed
