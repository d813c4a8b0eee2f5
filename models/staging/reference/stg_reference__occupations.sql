with source as (
    select * from {{ ref('occupations') }}
),

renamed as (
    select
        yrkeskod as occupation_code,
        yrke as occupation_name,
        yrkesgrupp as occupation_group,
        yrkesgrupp_ordning as occupation_group_order
    from source
)

select * from renamed
