-- A table, not a view: the follow-up's models read it several times, and Spark plans a chain
-- of views over the whole ledger as one query (its driver ran out of memory planning it).
{{ config(materialized='table') }}

-- The income statement's amounts per month at each level of the follow-up. A unit (cost
-- centre), its division and its committee answer for their whole result, trade with the
-- region's other units included; the region's amounts have that internal trade eliminated, as
-- the income statement has them. Year-end closing entries (seed year_end_accounts) are kept
-- apart: the forecast treats them on their own. The balance requirement's adjustments
-- (chart_of_accounts.balanskrav_line_code: realisation gains, unrealised changes in value, and
-- at the region the memorandum account of their reversals, line_code 'memo') are kept apart too.
with classified as (
    select * from {{ ref('int_ledger_amounts_classified') }}
    where
        income_statement_line_code is not null
        or balance_requirement_line_code is not null
),

year_end_accounts as (
    select account_code from {{ ref('year_end_accounts') }}
),

amounts as (
    select
        classified.scenario,
        classified.fiscal_year,
        classified.period,
        classified.cost_centre_code,
        classified.division,
        classified.committee,
        coalesce(classified.income_statement_line_code, 'memo') as line_code,
        coalesce(classified.balance_requirement_line_code, 'none') as adjustment_code,
        classified.is_operating,
        classified.is_internal,
        year_end_accounts.account_code is not null as is_year_end_entry,
        classified.report_amount_sek
    from classified
    left join year_end_accounts on classified.account_code = year_end_accounts.account_code
),

units as (
    select
        scenario,
        fiscal_year,
        period,
        'unit' as level,
        cost_centre_code as unit_code,
        line_code,
        is_year_end_entry,
        adjustment_code,
        sum(report_amount_sek) as amount_sek
    from amounts
    where is_operating
    group by scenario, fiscal_year, period, cost_centre_code, line_code, is_year_end_entry, adjustment_code
),

divisions as (
    select
        scenario,
        fiscal_year,
        period,
        'division' as level,
        division as unit_code,
        line_code,
        is_year_end_entry,
        adjustment_code,
        sum(report_amount_sek) as amount_sek
    from amounts
    where is_operating
    group by scenario, fiscal_year, period, division, line_code, is_year_end_entry, adjustment_code
),

committees as (
    select
        scenario,
        fiscal_year,
        period,
        'committee' as level,
        committee as unit_code,
        line_code,
        is_year_end_entry,
        adjustment_code,
        sum(report_amount_sek) as amount_sek
    from amounts
    where is_operating
    group by scenario, fiscal_year, period, committee, line_code, is_year_end_entry, adjustment_code
),

region as (
    select
        scenario,
        fiscal_year,
        period,
        'region' as level,
        'region' as unit_code,
        line_code,
        is_year_end_entry,
        adjustment_code,
        sum(report_amount_sek) as amount_sek
    from amounts
    where not is_internal
    group by scenario, fiscal_year, period, line_code, is_year_end_entry, adjustment_code
),

all_levels as (
    select * from units
    union all
    select * from divisions
    union all
    select * from committees
    union all
    select * from region
),

final as (
    select
        scenario,
        fiscal_year,
        period,
        cast(substring(period, 6, 2) as integer) as month_number,
        level,
        unit_code,
        line_code,
        is_year_end_entry,
        adjustment_code,
        amount_sek
    from all_levels
)

select * from final
