with source as (
    select * from {{ ref('providers') }}
),

renamed as (
    select
        leverantor_id as provider_code,
        leverantor_namn as provider_name,
        leverantorstyp as provider_type,
        region,
        poangpris_sek as point_price_sek
    from source
)

select * from renamed
