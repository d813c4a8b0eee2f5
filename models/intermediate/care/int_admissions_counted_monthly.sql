{{ config(materialized='table') }}

-- Inpatient episodes per month of discharge, care type, sex and age band, with the counts the
-- goal measures are made of, every one of them: BI reads admissions_monthly, where small cells
-- are hidden.
with admissions as (
    select * from {{ ref('int_admissions_with_readmissions') }}
),

final as (
    select
        cast(period as {{ dbt.type_string() }}) as period,
        cast(calendar_year as integer) as calendar_year,
        cast(care_type as {{ dbt.type_string() }}) as care_type,
        cast(sex as {{ dbt.type_string() }}) as sex,
        cast(age_band as {{ dbt.type_string() }}) as age_band,
        cast(count(*) as bigint) as admissions,
        cast(count(distinct patient_key) as bigint) as patients,
        cast(count(*) filter (where is_unplanned) as bigint) as unplanned_admissions,
        cast(count(*) filter (where age >= 65) as bigint) as admissions_65_plus,
        cast(count(*) filter (where age >= 65 and is_readmitted_within_30_days) as bigint)
            as readmitted_within_30_days_65_plus,
        cast(count(*) filter (where days_ready_for_discharge > 1) as bigint)
            as ready_for_discharge_over_1_day,
        cast(count(*) filter (where had_care_injury) as bigint) as care_injuries,
        cast(count(*) filter (where age >= 75 and drug_count > 5) as bigint)
            as drug_review_eligible,
        cast(count(*) filter (where age >= 75 and drug_count > 5 and got_drug_review) as bigint)
            as drug_reviews
    from admissions
    group by all
)

select * from final
