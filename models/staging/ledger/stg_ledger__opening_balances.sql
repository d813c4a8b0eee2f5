with source as (
    select * from {{ source('ledger', 'ledger_opening_balances') }}
),

renamed as (
    select
        datum as balance_date,
        konto as account_code,
        ansvar as cost_centre_code,
        {{ sek('belopp') }} as amount_sek,
        _loaded_at as loaded_at
    from source
)

select * from renamed
