-- Incremental by delivered period (macro periods_loaded_since_last_build).
{{ config(**incremental_by_period()) }}

with source as (
    {{ rows_loaded_since_last_build(source('hr', 'hr_employments')) }}
),

renamed as (
    select
        period,
        cast(left(period, 4) as integer) as calendar_year,
        last_day(cast(period || '-01' as date)) as month_end,
        anstallning_id as employment_id,
        person_key,
        anstallningsform as employment_form,
        anstallningsform <> 'Tillsvidare' as is_temporary,
        yrkeskod as occupation_code,
        -- Exact decimals: sums of rates and hours come out the same in every build.
        cast(sysselsattningsgrad as decimal(5, 0)) * 0.01 as employment_rate,
        ordinarie_timmar as ordinary_hours,
        ansvar as cost_centre_code,
        chef = 'J' as is_manager,
        startdatum as start_date,
        slutdatum as end_date,
        avgangsorsak as end_reason,
        _loaded_at as loaded_at
    from source
)

select * from renamed
