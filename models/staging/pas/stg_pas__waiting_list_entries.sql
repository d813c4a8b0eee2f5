-- Incremental by delivered period (macro periods_loaded_since_last_build).
{{ config(**incremental_by_period()) }}

with source as (
    {{ rows_loaded_since_last_build(source('pas', 'pas_waiting_list')) }}
),

renamed as (
    select
        vantelista_id as waiting_list_id,
        period,
        last_day(cast(period || '-01' as date)) as month_end,
        person_key as patient_key,
        vantetyp as waiting_kind,
        specialitet as specialty,
        kon as sex,
        alder as age,
        remissdatum as referral_date,
        avslutsdatum as completion_date,
        pvv = 'J' as is_patient_chosen_wait,
        _loaded_at as loaded_at
    from source
)

select * from renamed
