with source as (
    select * from {{ ref('counterparties') }}
),

renamed as (
    select
        motpart as counterparty_code,
        motpart_namn as counterparty_name,
        ar_intern as is_internal,
        intern_enhet as internal_unit,
        rs_motpartstyp as rs_counterparty_type
    from source
)

select * from renamed
