{{ config(contract={'enforced': true}) }}

-- Care contacts per month by care type, caregiver category, contact form, own or private care,
-- channel, sex and age band. A row of fewer than 5 patients hides its contacts too, and rows
-- that would give a hidden one away by subtraction are hidden as well (macro small_cell_rows).
with counted as (
    select * from {{ ref('int_contacts_counted_monthly') }}
),

{{ small_cell_rows('counted', 'patients', 'patients', 'contacts_monthly') }},

final as (
    select
        period,
        calendar_year,
        care_type,
        caregiver_category,
        contact_form,
        is_private,
        channel,
        sex,
        age_band,
        cast(case when not is_suppressed then contacts end as bigint) as contacts,
        cast(case when not is_suppressed then patients end as bigint) as patients,
        is_suppressed
    from counted_suppressed
)

select * from final
