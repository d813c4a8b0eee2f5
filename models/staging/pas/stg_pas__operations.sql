-- Incremental by delivered period (macro periods_loaded_since_last_build).
{{ config(**incremental_by_period()) }}

with source as (
    {{ rows_loaded_since_last_build(source('pas', 'pas_operations')) }}
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
        alder as age,
        _loaded_at as loaded_at
    from source
)

select * from renamed
