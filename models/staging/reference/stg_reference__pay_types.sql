with source as (
    select * from {{ ref('pay_types') }}
),

renamed as (
    select
        lonart as pay_type_code,
        benamning as pay_type_name,
        konto as account_code,
        kostnadsslag as cost_type,
        timbaserad as is_hourly
    from source
)

select * from renamed
