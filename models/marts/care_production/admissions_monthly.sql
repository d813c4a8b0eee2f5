{{ config(contract={'enforced': true}) }}

-- Inpatient episodes per month of discharge, care type, sex and age band, with the counts the
-- goal measures are made of. A row of fewer than 5 patients hides every count of those
-- patients, and rows that would give a hidden one away by subtraction are hidden too (macro
-- small_cell_rows).
with counted as (
    select * from {{ ref('int_admissions_counted_monthly') }}
),

{{ small_cell_rows('counted', 'patients', 'patients', 'admissions_monthly') }},

final as (
    select
        period,
        calendar_year,
        care_type,
        sex,
        age_band,
        cast(case when not is_suppressed then admissions end as bigint) as admissions,
        cast(case when not is_suppressed then patients end as bigint) as patients,
        cast(case when not is_suppressed then unplanned_admissions end as bigint) as unplanned_admissions,
        cast(case when not is_suppressed then admissions_65_plus end as bigint) as admissions_65_plus,
        cast(case when not is_suppressed then readmitted_within_30_days_65_plus end as bigint) as readmitted_within_30_days_65_plus,
        cast(case when not is_suppressed then ready_for_discharge_over_1_day end as bigint) as ready_for_discharge_over_1_day,
        cast(case when not is_suppressed then care_injuries end as bigint) as care_injuries,
        cast(case when not is_suppressed then drug_review_eligible end as bigint) as drug_review_eligible,
        cast(case when not is_suppressed then drug_reviews end as bigint) as drug_reviews,
        is_suppressed
    from counted_suppressed
)

select * from final
