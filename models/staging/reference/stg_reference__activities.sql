with source as (
    select * from {{ ref('activities') }}
),

renamed as (
    select
        verksamhet as activity_code,
        verksamhet_namn as activity_name,
        vardomrade as care_area,
        vardomrade_kort as care_area_short,
        rs_huvudomrade as rs_main_area,
        ar_halso_och_sjukvard_exkl_tandvard as is_health_care_excl_dental,
        andel_gemensamma_tjanster as shared_services_share
    from source
)

select * from renamed
