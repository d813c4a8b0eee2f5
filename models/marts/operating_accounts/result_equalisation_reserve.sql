{{ config(contract={'enforced': true}) }}

-- The result-equalisation reserve (resultatutjämningsreserv, RUR) per year, with the
-- reference amount of one per cent of taxes, general grants and equalisation.
with reserve_balance as (
    select
        fiscal_year,
        -closing_sek as closing_sek,
        -(closing_sek - movement_sek) as opening_sek
    from {{ ref('int_account_balances_yearly') }}
    where account_code = '2012'
),

taxes as (
    select
        fiscal_year,
        sum(amount_sek) as taxes_and_grants_sek
    from {{ ref('income_statement') }}
    where scenario = 'utfall' and line_code in ({{ report_line('resultatrakning', 'skatteintakter') }}, {{ report_line('resultatrakning', 'generella_statsbidrag') }})
    group by fiscal_year
),

transfers as (
    select * from {{ ref('int_reserve_transfers_yearly') }}
),

final as (
    select
        cast(reserve_balance.fiscal_year as integer) as fiscal_year,
        {{ sek('0.01 * taxes.taxes_and_grants_sek') }} as one_percent_of_taxes_sek,
        {{ sek('reserve_balance.opening_sek') }} as opening_sek,
        {{ sek('coalesce(transfers.reserved_sek, 0)') }} as reserved_sek,
        {{ sek('coalesce(transfers.used_sek, 0)') }} as used_sek,
        {{ sek('reserve_balance.closing_sek') }} as closing_sek
    from reserve_balance
    inner join taxes on reserve_balance.fiscal_year = taxes.fiscal_year
    left join transfers on reserve_balance.fiscal_year = transfers.fiscal_year
)

select * from final
