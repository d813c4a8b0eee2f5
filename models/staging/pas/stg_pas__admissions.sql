-- Incremental by delivered period (macro periods_loaded_since_last_build).
{{ config(**incremental_by_period()) }}

with source as (
    {{ rows_loaded_since_last_build(source('pas', 'pas_admissions')) }}
),

renamed as (
    select
        vardtillfalle_id as episode_id,
        period,
        inskrivningsdatum as admission_date,
        utskrivningsdatum as discharge_date,
        year(utskrivningsdatum) as calendar_year,
        person_key as patient_key,
        vardtyp as care_type,
        specialitet as specialty,
        ansvar as cost_centre_code,
        kon as sex,
        alder as age,
        {{ patient_age_band('alder') }} as age_band,
        akut = 'J' as is_unplanned,
        utskrivningsklar_dagar as days_ready_for_discharge,
        vardskada = 'J' as had_care_injury,
        lakemedel_antal as drug_count,
        case lakemedelsberattelse when 'J' then true when 'N' then false end as got_drug_review,
        _loaded_at as loaded_at
    from source
)

select * from renamed
