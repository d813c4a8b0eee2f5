-- Incremental by delivered period (macro periods_loaded_since_last_build).
{{ config(**incremental_by_period()) }}

with source as (
    {{ rows_loaded_since_last_build(source('pas', 'pas_contacts')) }}
),

renamed as (
    select
        kontakt_id as contact_id,
        period,
        datum as contact_date,
        year(datum) as calendar_year,
        person_key as patient_key,
        vardtyp as care_type,
        vardgivare as care_provider,
        vardgivare <> 'Egen regi' as is_private,
        ansvar as cost_centre_code,
        specialitet as specialty,
        yrkeskategori as caregiver_category,
        kontaktform as contact_form,
        kanal as channel,
        kon as sex,
        alder as age,
        {{ patient_age_band('alder') }} as age_band,
        fraga_vald = 'J' as asked_about_violence,
        _loaded_at as loaded_at
    from source
)

select * from renamed
