with source as (
    select * from {{ source('statistik', 'statistik_population') }}
),

renamed as (
    select
        ar as calendar_year,
        kommun as municipality,
        kon as sex,
        aldersgrupp as age_group,
        antal as inhabitants
    from source
)

select * from renamed
