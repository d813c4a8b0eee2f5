with source as (
    select * from {{ source('forecast', 'forecast_lines') }}
),

renamed as (
    select
        period,
        cast(left(period, 4) as integer) as fiscal_year,
        cast(substring(period, 6, 2) as integer) as month_number,
        division,
        rad as line_code,
        {{ sek('belopp') }} as forecast_sek,
        kommentar as comment
    from source
)

select * from renamed
