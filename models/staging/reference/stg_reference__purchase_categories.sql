with source as (
    select * from {{ ref('purchase_categories') }}
),

renamed as (
    select
        kategori as category,
        rapportgrupp_kod as report_group_code,
        rapportgrupp as report_group,
        konto as account_code,
        ar_vard_utanfor_lanet as is_care_outside_county
    from source
)

select * from renamed
