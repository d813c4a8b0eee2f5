{{ config(contract={'enforced': true}) }}

-- The balance requirement (balanskravsutredning): the year's result less realisation gains
-- and unrealised changes in the value of securities (chart_of_accounts.balanskrav_rad), plus
-- reversals at realisation (memorandum account), then reservations to and uses of the
-- result-equalisation reserve.
with results as (
    select
        fiscal_year,
        amount_sek as result_sek
    from {{ ref('income_statement') }}
    where scenario = 'utfall' and line_code = {{ report_line('resultatrakning', 'arets_resultat') }}
),

deductions as (
    select
        fiscal_year,
        coalesce(-sum(report_amount_sek) filter (
            where balance_requirement_line = 'Avgår samtliga realisationsvinster'
        ), 0) as realisation_gains_sek,
        coalesce(-sum(report_amount_sek) filter (
            where balance_requirement_line = 'Orealiserade förluster/vinster i värdepapper'
        ), 0) as unrealised_sek
    from {{ ref('int_income_statement_amounts') }}
    where scenario = 'utfall' and not is_internal
    group by fiscal_year
),

reversals as (
    select
        balances.fiscal_year,
        sum(balances.movement_sek) as reversal_sek
    from {{ ref('int_account_balances_yearly') }} as balances
    inner join {{ ref('chart_of_accounts') }} as accounts on balances.account_code = accounts.konto
    where accounts.balanskrav_rad = 'Återföring av orealiserade vinster/förluster vid realisering'
    group by balances.fiscal_year
),

reserve as (
    select * from {{ ref('int_reserve_transfers_yearly') }}
),

combined as (
    select
        results.fiscal_year,
        results.result_sek,
        coalesce(deductions.realisation_gains_sek, 0) as realisation_gains_sek,
        coalesce(deductions.unrealised_sek, 0) as unrealised_sek,
        coalesce(reversals.reversal_sek, 0) as reversal_sek,
        coalesce(reserve.reserved_sek, 0) as reserved_sek,
        coalesce(reserve.used_sek, 0) as used_sek
    from results
    left join deductions on results.fiscal_year = deductions.fiscal_year
    left join reversals on results.fiscal_year = reversals.fiscal_year
    left join reserve on results.fiscal_year = reserve.fiscal_year
),

adjusted as (
    select
        *,
        result_sek + realisation_gains_sek + unrealised_sek + reversal_sek as after_adjustments_sek
    from combined
),

lines as (
    select
        fiscal_year,
        1 as line_order,
        'Årets resultat enligt resultaträkning' as line,
        result_sek as amount_sek
    from adjusted
    union all
    select
        fiscal_year,
        2,
        'Avgår samtliga realisationsvinster',
        realisation_gains_sek
    from adjusted
    union all
    select
        fiscal_year,
        3,
        'Orealiserade förluster/vinster i värdepapper',
        unrealised_sek
    from adjusted
    union all
    select
        fiscal_year,
        4,
        'Återföring av orealiserade vinster/förluster vid realisering',
        reversal_sek
    from adjusted
    union all
    select
        fiscal_year,
        5,
        'Årets resultat efter balanskravsjusteringar',
        after_adjustments_sek
    from adjusted
    union all
    select
        fiscal_year,
        6,
        'Reservering till resultatutjämningsreserv',
        -reserved_sek
    from adjusted
    union all
    select
        fiscal_year,
        7,
        'Användning av medel från resultatutjämningsreserv',
        used_sek
    from adjusted
    union all
    select
        fiscal_year,
        8,
        'Årets balanskravsresultat',
        after_adjustments_sek - reserved_sek + used_sek
    from adjusted
),

final as (
    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(line_order as integer) as line_order,
        cast(line as varchar) as line,
        {{ sek('amount_sek') }} as amount_sek
    from lines
)

select * from final
