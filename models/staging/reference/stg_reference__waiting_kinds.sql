with source as (
    select * from {{ ref('waiting_kinds') }}
),

renamed as (
    select
        vantetyp as waiting_kind,
        malvarde_dagar as target_days,
        rapportrad as report_line,
        vardgarantin as care_guarantee
    from source
)

select * from renamed
