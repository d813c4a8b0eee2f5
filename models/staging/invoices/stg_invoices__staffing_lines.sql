with source as (
    select * from {{ source('invoices', 'invoices_staffing_lines') }}
),

renamed as (
    select
        fakturanummer as invoice_id,
        fakturarad as invoice_line,
        fakturadatum as invoice_date,
        period,
        cast(left(period, 4) as integer) as fiscal_year,
        leverantor as agency_id,
        ansvar as cost_centre_code,
        konto as account_code,
        vardomrade as care_area,
        yrke as profession,
        timmar as hours,
        {{ sek('belopp') }} as amount_sek
    from source
)

select * from renamed
