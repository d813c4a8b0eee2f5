{{ config(materialized='table') }}

with source as (
    select * from {{ source('pas', 'pas_waiting_list') }}
),

renamed as (
    select
        vantelista_id as waiting_list_id,
        period,
        last_day(cast(period || '-01' as date)) as month_end,
        {{ pseudonymise('personnummer') }} as patient_key,
        vantetyp as waiting_kind,
        specialitet as specialty,
        kon as sex,
        alder as age,
        remissdatum as referral_date,
        avslutsdatum as completion_date,
        pvv = 'J' as is_patient_chosen_wait
    from source
)

select * from renamed
