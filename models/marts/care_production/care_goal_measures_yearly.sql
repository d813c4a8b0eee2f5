{{ config(contract={'enforced': true}) }}

-- The board's goal measures for care (styrmått) per year and sex: contacts at branch clinics
-- and service points, the digital share of visits, emergency visits of patients 80 or older,
-- patients asked about violence in close relationships, unplanned readmissions of patients 65
-- or older within 30 days, stays beyond ready for discharge, drug reviews for patients 75 or
-- older with more than 5 drugs, care injuries in somatic inpatient care, and Digitalen's cases.
with contacts as (
    select * from {{ ref('int_contacts_counted_monthly') }}
),

admissions as (
    select * from {{ ref('int_admissions_counted_monthly') }}
),

{%- set admission_columns = ['period', 'care_type', 'age_band', 'admissions', 'patients',
    'unplanned_admissions', 'admissions_65_plus', 'readmitted_within_30_days_65_plus',
    'ready_for_discharge_over_1_day', 'care_injuries', 'drug_review_eligible', 'drug_reviews']
    | join(', ') %}

-- Each row counts once for both sexes together and once for its own sex (a patient has one
-- sex, so distinct patients add up too).
contact_rows as (
    select
        calendar_year,
        'Alla' as sex,
        channel,
        contact_form,
        age_band,
        contacts
    from contacts
    union all
    select
        calendar_year,
        sex,
        channel,
        contact_form,
        age_band,
        contacts
    from contacts
),

admission_rows as (
    select
        calendar_year,
        'Alla' as sex,
        {{ admission_columns }}
    from admissions
    union all
    select
        calendar_year,
        sex,
        {{ admission_columns }}
    from admissions
),

asked as (
    select
        calendar_year,
        sex,
        count(distinct patient_key) as patients
    from {{ ref('stg_pas__contacts') }}
    where asked_about_violence
    group by calendar_year, sex
),

asked_rows as (
    select
        calendar_year,
        'Alla' as sex,
        sum(patients) as patients
    from asked
    group by calendar_year
    union all
    select
        calendar_year,
        sex,
        patients
    from asked
),

contact_measures as (
    select
        contact_rows.calendar_year,
        contact_rows.sex,
        sum(contact_rows.contacts) filter (
            where contact_rows.channel in ('Filial', 'Servicepunkt')
        ) as branch_contacts,
        {{ divide("100.0 * sum(contact_rows.contacts) filter (where contact_rows.contact_form = 'Distans')",
                  'sum(contact_rows.contacts)') }} as digital_percent,
        sum(contact_rows.contacts) filter (
            where contact_rows.channel = 'Akutmottagning' and contact_rows.age_band = '80-'
        ) as emergency_visits_80,
        any_value(asked_rows.patients) as asked_about_violence,
        sum(contact_rows.contacts) filter (where contact_rows.channel = 'Digitalen')
            as digitalen_cases
    from contact_rows
    left join asked_rows
        on
            contact_rows.calendar_year = asked_rows.calendar_year
            and contact_rows.sex = asked_rows.sex
    group by contact_rows.calendar_year, contact_rows.sex
),

admission_measures as (
    select
        calendar_year,
        sex,
        {{ divide('100.0 * sum(readmitted_within_30_days_65_plus)', 'sum(admissions_65_plus)') }}
            as readmitted_65_percent,
        {{ divide('100.0 * sum(ready_for_discharge_over_1_day)', 'sum(admissions)') }}
            as ready_over_1_day_percent,
        {{ divide('100.0 * sum(drug_reviews)', 'sum(drug_review_eligible)') }} as drug_review_percent,
        {{ divide("100.0 * sum(care_injuries) filter (where care_type = 'Somatik')",
                  "sum(admissions) filter (where care_type = 'Somatik')") }} as care_injury_percent
    from admission_rows
    group by calendar_year, sex
),

prescriptions as (
    select
        calendar_year,
        count(*) as prescriptions
    from {{ ref('stg_pas__prescriptions') }}
    group by calendar_year
),

inhabitants as (
    select
        calendar_year,
        sum(inhabitants) as inhabitants
    from {{ ref('population_yearly') }}
    group by calendar_year
),

yearly_rates as (
    select
        inhabitants.calendar_year,
        {{ divide('1000.0 * coalesce(prescriptions.prescriptions, 0)', 'inhabitants.inhabitants') }}
            as antibiotics_per_1000
    from inhabitants
    left join prescriptions on inhabitants.calendar_year = prescriptions.calendar_year
),

perception as (
    select
        calendar_year,
        {{ divide('100.0 * count(*) filter (where answer >= 4)', 'count(answer)') }} as access_percent
    from {{ ref('stg_statistik__barometer_responses') }}
    group by calendar_year
),

final as (
    select
        cast(contact_measures.calendar_year as integer) as calendar_year,
        cast(contact_measures.sex as {{ dbt.type_string() }}) as sex,
        cast(contact_measures.sex = 'Alla' as boolean) as is_total,
        cast(contact_measures.branch_contacts as bigint) as branch_contacts,
        cast(contact_measures.digital_percent as double) as digital_percent,
        cast(contact_measures.emergency_visits_80 as bigint) as emergency_visits_80,
        -- The sexes add up to Alla: one small sex would be Alla minus the other.
        cast({{ small_cell('contact_measures.asked_about_violence',
                           'contact_measures.asked_about_violence', 'patients',
                           group_by=['contact_measures.calendar_year']) }} as bigint)
            as patients_asked_about_violence,
        cast(contact_measures.digitalen_cases as bigint) as digitalen_cases,
        cast(admission_measures.readmitted_65_percent as double) as readmitted_65_percent,
        cast(admission_measures.ready_over_1_day_percent as double) as ready_over_1_day_percent,
        cast(admission_measures.drug_review_percent as double) as drug_review_percent,
        cast(admission_measures.care_injury_percent as double) as care_injury_percent,
        cast(
            case when contact_measures.sex = 'Alla' then yearly_rates.antibiotics_per_1000 end
            as double
        ) as antibiotic_prescriptions_per_1000,
        cast(
            case when contact_measures.sex = 'Alla' then perception.access_percent end
            as double
        ) as access_perception_percent
    from contact_measures
    inner join admission_measures
        on
            contact_measures.calendar_year = admission_measures.calendar_year
            and contact_measures.sex = admission_measures.sex
    left join yearly_rates on contact_measures.calendar_year = yearly_rates.calendar_year
    left join perception on contact_measures.calendar_year = perception.calendar_year
)

select * from final
