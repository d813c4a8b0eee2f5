with source as (
    select * from {{ source('ledger', 'ledger_lines') }}
),

renamed as (
    select
        verifikation as verification_id,
        rad as line_number,
        bokforingsdatum as booking_date,
        period,
        cast(left(period, 4) as integer) as fiscal_year,
        konto as account_code,
        ansvar as cost_centre_code,
        verksamhet as activity_code,
        motpart as counterparty_code,
        {{ sek('belopp') }} as amount_sek,
        text as line_text,
        _file as source_file,
        _line_no as source_line,
        _loaded_at as loaded_at
    from source
)

select * from renamed
