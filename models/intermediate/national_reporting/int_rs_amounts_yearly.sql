-- The ledger's operating amounts as the räkenskapssammandrag (RS) counts them, per year,
-- activity, RS line and kind of counterparty: actuals, external items only (trade between the
-- region's own units is eliminated, as in the income statement), positive for income and
-- costs alike as the form reports them. The RS marts aggregate from here.
with amounts as (
    select * from {{ ref('int_ledger_amounts_classified') }}
    where scenario = 'utfall' and is_operating and not is_internal
),

lines as (
    select * from {{ ref('rs_lines') }}
),

summed as (
    select
        fiscal_year,
        activity_code,
        rs_line_code,
        counterparty_type,
        sum(report_amount_sek) as report_amount_sek
    from amounts
    group by fiscal_year, activity_code, rs_line_code, counterparty_type
),

final as (
    select
        summed.fiscal_year,
        summed.activity_code,
        summed.rs_line_code,
        lines.rs_line,
        lines.rs_section,
        lines.sort_order,
        lines.is_trade_in_activity,
        summed.counterparty_type,
        case
            when lines.rs_section = 'intakter' then summed.report_amount_sek
            else -summed.report_amount_sek
        end as amount_sek
    from summed
    inner join lines on summed.rs_line_code = lines.rs_line_code
)

select * from final
