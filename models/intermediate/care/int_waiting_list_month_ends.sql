-- Incremental by period: a refresh recomputes the months loaded since its last build.
{{ config(**incremental_by_period()) }}

-- The month-end waiting list as the national waiting-time reporting counts it: from each
-- month's delivery, the entries still waiting on its last day (macro on_waiting_list), with the
-- days waited and whether that is within the kind's target (seed waiting_kinds).
with entries as (
    select * from {{ ref('stg_pas__waiting_list_entries') }}
    {% if is_incremental() %}
        where {{ periods_loaded_since_last_refresh(ref('stg_pas__waiting_list_entries')) }}
    {% endif %}
),

kinds as (
    select * from {{ ref('stg_reference__waiting_kinds') }}
),

final as (
    select
        entries.period,
        entries.month_end,
        year(entries.month_end) as calendar_year,
        entries.waiting_list_id,
        entries.patient_key,
        entries.waiting_kind,
        entries.specialty,
        entries.sex,
        entries.referral_date,
        {{ days_waited('entries.referral_date', 'entries.month_end') }} as days_waited,
        kinds.target_days,
        {{ days_waited('entries.referral_date', 'entries.month_end') }} <= kinds.target_days
            as is_within_target
    from entries
    inner join kinds on entries.waiting_kind = kinds.waiting_kind
    where {{ on_waiting_list('entries.referral_date', 'entries.completion_date',
                             'entries.is_patient_chosen_wait', 'entries.month_end') }}
)

select * from final
