-- Incremental by period: a refresh recomputes the months loaded since its last build.
{{ config(**incremental_by_period()) }}

-- Care contacts per month by care type, caregiver category, contact form, own or private care,
-- channel, sex and age band, with every patient count: the counts the annual report and the
-- goal measures add up. BI reads contacts_monthly, where small cells are hidden.
with contacts as (
    select * from {{ ref('stg_pas__contacts') }}
    {% if is_incremental() %}
        where {{ periods_loaded_since_last_refresh(ref('stg_pas__contacts')) }}
    {% endif %}
),

final as (
    select
        cast(period as {{ dbt.type_string() }}) as period,
        cast(calendar_year as integer) as calendar_year,
        cast(care_type as {{ dbt.type_string() }}) as care_type,
        cast(caregiver_category as {{ dbt.type_string() }}) as caregiver_category,
        cast(contact_form as {{ dbt.type_string() }}) as contact_form,
        cast(is_private as boolean) as is_private,
        cast(channel as {{ dbt.type_string() }}) as channel,
        cast(sex as {{ dbt.type_string() }}) as sex,
        cast(age_band as {{ dbt.type_string() }}) as age_band,
        cast(count(*) as bigint) as contacts,
        cast(count(distinct patient_key) as bigint) as patients
    from contacts
    group by all
)

select * from final
