with source as (
    select * from {{ source('statistik', 'statistik_barometer') }}
),

renamed as (
    select
        ar as calendar_year,
        svar_id as answer_id,
        kommun as municipality,
        kon as sex,
        aldersgrupp as age_group,
        nullif(svar, 0) as answer
    from source
)

select * from renamed
