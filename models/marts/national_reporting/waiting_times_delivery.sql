-- Incremental by period: a refresh recomputes the months loaded since its last build.
{{ config(contract={'enforced': true}, **incremental_by_period()) }}

-- The monthly delivery to SKR's national waiting-time database (its current model): one row per
-- wait completed during the month and one per wait still open at the month end, for first
-- visits and treatments in specialised care and BUP's first assessment and in-depth
-- assessment/treatment. Row-level and pseudonymised (patient_key, never an identity number);
-- the file per month is written by `norrlager deliveries`. Patient-chosen waits (PvV) are
-- delivered with their reason for deviation: the national shares leave them out, and so do
-- the marts of waiting_times, which this delivery recomputes exactly
-- (tests/test_national_reporting.py).
with entries as (
    select * from {{ ref('stg_pas__waiting_list_entries') }}
    {% if is_incremental() %}
        where {{ periods_loaded_since_last_refresh(ref('stg_pas__waiting_list_entries')) }}
    {% endif %}
),

kinds as (
    select * from {{ ref('stg_reference__waiting_kinds') }}
),

classified as (
    select
        entries.period,
        entries.month_end,
        entries.waiting_list_id,
        entries.patient_key,
        entries.waiting_kind,
        entries.specialty,
        entries.sex,
        entries.age,
        entries.referral_date,
        entries.completion_date,
        entries.is_patient_chosen_wait,
        kinds.target_days,
        case
            when entries.completion_date <= entries.month_end then 'completed'
            else 'waiting'
        end as record_kind,
        -- A completed wait ends at its visit, an open one is counted to the month end.
        case
            when entries.completion_date <= entries.month_end then entries.completion_date
            else entries.month_end
        end as wait_end
    from entries
    inner join kinds on entries.waiting_kind = kinds.waiting_kind
    where entries.referral_date <= entries.month_end
),

final as (
    select
        cast(period as {{ dbt.type_string() }}) as period,
        cast(record_kind as {{ dbt.type_string() }}) as record_kind,
        cast(waiting_list_id as {{ dbt.type_string() }}) as waiting_list_id,
        cast(patient_key as {{ dbt.type_string() }}) as patient_key,
        cast(waiting_kind as {{ dbt.type_string() }}) as waiting_kind,
        cast(specialty as {{ dbt.type_string() }}) as specialty,
        cast(sex as {{ dbt.type_string() }}) as sex,
        cast({{ patient_age_band('age') }} as {{ dbt.type_string() }}) as age_band,
        cast(referral_date as date) as referral_date,
        cast(case when record_kind = 'completed' then completion_date end as date)
            as completion_date,
        cast({{ days_waited('referral_date', 'wait_end') }} as integer) as days_waited,
        cast(target_days as integer) as target_days,
        cast({{ days_waited('referral_date', 'wait_end') }} <= target_days as boolean)
            as is_within_target,
        cast(case when is_patient_chosen_wait then 'PvV' end as {{ dbt.type_string() }})
            as deviation_reason
    from classified
)

select * from final
