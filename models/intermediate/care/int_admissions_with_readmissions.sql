-- Every inpatient episode, with whether the same patient was admitted again unplanned within
-- 30 days of its discharge (the goal measure counts this for patients 65 or older).
with admissions as (
    select * from {{ ref('stg_pas__admissions') }}
),

readmitted as (
    select distinct episodes.episode_id
    from admissions as episodes
    inner join admissions as later
        on
            episodes.patient_key = later.patient_key
            and later.is_unplanned
            and episodes.discharge_date < later.admission_date
            and later.admission_date <= episodes.discharge_date + interval 30 day
)

select
    admissions.*,
    readmitted.episode_id is not null as is_readmitted_within_30_days
from admissions
left join readmitted on admissions.episode_id = readmitted.episode_id
