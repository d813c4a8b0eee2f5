{{ config(contract={'enforced': true}) }}

-- Care contacts per month by care type, caregiver category, contact form, own or private care,
-- channel, sex and age band. Patient counts below 5 are suppressed.
with contacts as (
    select * from {{ ref('stg_pas__contacts') }}
),

final as (
    select
        cast(period as varchar) as period,
        cast(calendar_year as integer) as calendar_year,
        cast(care_type as varchar) as care_type,
        cast(caregiver_category as varchar) as caregiver_category,
        cast(contact_form as varchar) as contact_form,
        cast(is_private as boolean) as is_private,
        cast(channel as varchar) as channel,
        cast(sex as varchar) as sex,
        cast(age_band as varchar) as age_band,
        cast(count(*) as bigint) as contacts,
        {% set patients = 'count(distinct patient_key)' %}
        cast({{ small_cell(patients, patients, 'patients') }} as bigint) as patients
    from contacts
    group by all
)

select * from final
