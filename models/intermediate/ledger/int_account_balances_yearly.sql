-- Closing balance and movement of every balance-sheet and memorandum account per year:
-- the opening balance plus every movement up to the year's end.
with lines as (
    select * from {{ ref('int_ledger_lines_aggregated_to_months') }}
),

opening as (
    select
        account_code,
        {{ sek('sum(amount_sek)') }} as opening_sek
    from {{ ref('stg_ledger__opening_balances') }}
    group by account_code
),

accounts as (
    select * from {{ ref('stg_reference__accounts') }}
    where account_type in ('tillgang', 'likvida_medel', 'skuld', 'eget_kapital', 'memo')
),

years as (
    select distinct fiscal_year from lines
),

movements as (
    select
        fiscal_year,
        account_code,
        sum(amount_sek) as movement_sek
    from lines
    group by fiscal_year, account_code
),

spine as (
    select
        years.fiscal_year,
        accounts.account_code,
        accounts.account_type,
        accounts.balance_sheet_line_code,
        accounts.cash_flow_line_code,
        accounts.account_type in ('tillgang', 'likvida_medel') as is_asset
    from years cross join accounts
),

balances as (
    select
        spine.fiscal_year,
        spine.account_code,
        spine.account_type,
        spine.balance_sheet_line_code,
        spine.cash_flow_line_code,
        spine.is_asset,
        {{ sek('coalesce(movements.movement_sek, 0)') }} as movement_sek,
        {{ sek('coalesce(opening.opening_sek, 0) + sum(coalesce(movements.movement_sek, 0)) over (partition by spine.account_code order by spine.fiscal_year)') }} as closing_sek
    from spine
    left join movements
        on
            spine.fiscal_year = movements.fiscal_year
            and spine.account_code = movements.account_code
    left join opening on spine.account_code = opening.account_code
)

select * from balances
