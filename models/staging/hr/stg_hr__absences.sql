-- Incremental by delivered period (macro periods_loaded_since_last_build).
{{ config(**incremental_by_period()) }}

with source as (
    {{ rows_loaded_since_last_build(source('hr', 'hr_absences')) }}
),

renamed as (
    select
        franvaro_id as absence_id,
        anstallning_id as employment_id,
        person_key,
        period,
        franvarotyp as absence_type,
        from_datum as first_day,
        tom_datum as last_day,
        cast(omfattning as decimal(5, 0)) * 0.01 as extent,
        _loaded_at as loaded_at
    from source
)

select * from renamed
