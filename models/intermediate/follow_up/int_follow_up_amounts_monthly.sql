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

-- Each level sums its own rows: a unit, division or committee its operating rows, trade with
-- other units included; the region everything but that internal trade.
{%- set levels = [
    {'level': 'unit', 'unit_code': 'cost_centre_code', 'rows': 'is_operating'},
    {'level': 'division', 'unit_code': 'division', 'rows': 'is_operating'},
    {'level': 'committee', 'unit_code': 'committee', 'rows': 'is_operating'},
    {'level': 'region', 'unit_code': none, 'rows': 'not is_internal'},
] %}
all_levels as (
    {% for l in levels %}
        select
            scenario,
            fiscal_year,
            period,
            '{{ l.level }}' as level,
            {{ l.unit_code or "'region'" }} as unit_code,
            line_code,
            is_year_end_entry,
            adjustment_code,
            sum(report_amount_sek) as amount_sek
        from amounts
        where {{ l.rows }}
        group by
            scenario,
            fiscal_year,
            period,
            {%- if l.unit_code %}
                {{ l.unit_code }},
            {%- endif %}
            line_code,
            is_year_end_entry,
            adjustment_code
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
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
