with source as (
    select * from {{ source('ledger', 'ledger_budget') }}
),

renamed as (
    select
        ar as budget_year,
        period,
        konto as account_code,
        ansvar as cost_centre_code,
        verksamhet as activity_code,
        motpart as counterparty_code,
        {{ sek('belopp') }} as amount_sek,
        _loaded_at as loaded_at
    from source
)

select * from renamed
