-- Incremental by delivered period (macro periods_loaded_since_last_build).
{{ config(**incremental_by_period()) }}

with source as (
    {{ rows_loaded_since_last_build(source('pas', 'pas_accessibility')) }}
),

renamed as (
    select
        arende_id as case_id,
        period,
        datum as case_date,
        year(datum) as calendar_year,
        person_key as patient_key,
        kanal as channel,
        ansvar as cost_centre_code,
        kon as sex,
        alder as age,
        kontakt_samma_dag = 'J' as got_contact_same_day,
        medicinsk_bedomning = 'J' as needed_assessment,
        case bedomning_inom_3_dagar when 'J' then true when 'N' then false end
            as assessed_within_3_days,
        _loaded_at as loaded_at
    from source
)

select * from renamed
