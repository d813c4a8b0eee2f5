{#- The rules of the care-production and waiting-time marts, each in one place. -#}

{#- Age band of patient breakdowns. -#}
{% macro patient_age_band(age) -%}
    case
        when {{ age }} <= 17 then '0-17'
        when {{ age }} <= 64 then '18-64'
        when {{ age }} <= 79 then '65-79'
        else '80-'
    end
{%- endmacro %}

{#- On the waiting list at a month end, as the national waiting-time reporting counts: the wait
    began on or before the month end, the patient had not had the visit or treatment by then,
    and the wait is not one the patient chose (PvV). -#}
{% macro on_waiting_list(referral_date, completion_date, patient_chosen, month_end) -%}
    ({{ referral_date }} <= {{ month_end }}
     and ({{ completion_date }} is null or {{ completion_date }} > {{ month_end }})
     and not {{ patient_chosen }})
{%- endmacro %}

{#- Days waited at a month end: a patient referred on 1 October has waited 90 days on
    30 December. Within the target when no more than the target's days (seed waiting_kinds). -#}
{% macro days_waited(referral_date, month_end) -%}
    {{ dbt.datediff(referral_date, month_end, 'day') }}
{%- endmacro %}
