-- Transfers to and from the result-equalisation reserve (resultatutjämningsreserv, account
-- 2012) per year. A credit on the reserve is a reservation, a debit a use of it: they are told
-- apart line by line, as both can happen in one year.
with reserve_lines as (
    select * from {{ ref('stg_ledger__lines') }}
    where account_code = '2012'
),

transfers as (
    select
        fiscal_year,
        {{ sek('coalesce(sum(-amount_sek) filter (where amount_sek < 0), 0)') }} as reserved_sek,
        {{ sek('coalesce(sum(amount_sek) filter (where amount_sek > 0), 0)') }} as used_sek
    from reserve_lines
    group by fiscal_year
)

select * from transfers
