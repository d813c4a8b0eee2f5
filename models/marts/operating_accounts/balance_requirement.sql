{{ config(contract={'enforced': true}) }}

-- The balance requirement (balanskravsutredning), laid out by seed report_lines: the year's
-- result less realisation gains and unrealised changes in the value of securities
-- (chart_of_accounts.balance_requirement_line_code), plus reversals at realisation (memorandum
-- account), then reservations to and uses of the result-equalisation reserve. The two results
-- after them are sums of the lines above, through the layout.
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
        balance_requirement_line_code as line_code,
        -sum(report_amount_sek) as amount_sek
    from {{ ref('int_income_statement_amounts') }}
    where
        scenario = 'utfall'
        and not is_internal
        and balance_requirement_line_code is not null
    group by fiscal_year, balance_requirement_line_code
),

reversals as (
    select
        balances.fiscal_year,
        accounts.balance_requirement_line_code as line_code,
        sum(balances.movement_sek) as amount_sek
    from {{ ref('int_account_balances_yearly') }} as balances
    inner join {{ ref('stg_reference__accounts') }} as accounts on balances.account_code = accounts.account_code
    where
        accounts.balance_requirement_line_code
        = {{ report_line('balanskrav', 'aterforing_vid_realisering') }}
    group by balances.fiscal_year, accounts.balance_requirement_line_code
),

reserve as (
    select * from {{ ref('int_reserve_transfers_yearly') }}
),

ancestry as (
    select * from {{ ref('int_report_line_ancestry') }}
    where report_table = 'balanskrav'
),

lines as (
    {{ layout_lines('ancestry') }}
),

leaf_lines as (
    select
        fiscal_year,
        {{ report_line('balanskrav', 'arets_resultat_enligt_rr') }} as line_code,
        result_sek as amount_sek
    from results
    union all
    select
        results.fiscal_year,
        deductions.line_code,
        deductions.amount_sek
    from results
    inner join deductions on results.fiscal_year = deductions.fiscal_year
    union all
    select
        results.fiscal_year,
        reversals.line_code,
        reversals.amount_sek
    from results
    inner join reversals on results.fiscal_year = reversals.fiscal_year
    union all
    select
        results.fiscal_year,
        {{ report_line('balanskrav', 'reservering_rur') }},
        -coalesce(reserve.reserved_sek, 0)
    from results
    left join reserve on results.fiscal_year = reserve.fiscal_year
    union all
    select
        results.fiscal_year,
        {{ report_line('balanskrav', 'anvandning_rur') }},
        coalesce(reserve.used_sek, 0)
    from results
    left join reserve on results.fiscal_year = reserve.fiscal_year
),

line_amounts as (
    {{ sum_into_layout('leaf_lines', 'ancestry', ['fiscal_year']) }}
),

-- Every line in every year, zero when nothing adds to it (no realisation gains that year).
result_years as (
    select distinct fiscal_year from results
),

final as (
    select
        cast(result_years.fiscal_year as integer) as fiscal_year,
        cast(lines.line_order as integer) as line_order,
        cast(lines.line_code as {{ dbt.type_string() }}) as line_code,
        cast(lines.label as {{ dbt.type_string() }}) as line,
        cast(lines.is_total as boolean) as is_total,
        {{ sek('coalesce(line_amounts.amount_sek, 0)') }} as amount_sek
    from result_years
    cross join lines
    left join line_amounts
        on
            result_years.fiscal_year = line_amounts.fiscal_year
            and lines.line_code = line_amounts.line_code
)

select * from final
