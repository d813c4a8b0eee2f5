-- Kolada's values for all (kon T), the latest fetch of each: Kolada revises what it has
-- published, and a later fetch is the better one.
with source as (
    select * from {{ source('kolada', 'kolada_values') }}
    where kon = 'T'
),

latest as (
    select
        kpi,
        kommun,
        ar,
        max(period) as period
    from source
    group by kpi, kommun, ar
),

renamed as (
    select
        source.kpi as kpi_id,
        source.omrade as area_code,
        source.kommun as kolada_region_id,
        source.ar as calendar_year,
        source.period as fetched_period,
        source.varde as kolada_value
    from source
    inner join latest
        on
            source.kpi = latest.kpi
            and source.kommun = latest.kommun
            and source.ar = latest.ar
            and source.period = latest.period
)

select * from renamed
