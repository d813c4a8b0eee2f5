{#- The full-year forecast of one line of one unit, made with the months up to month_number
    known (method `model` of follow_up.forecast_backtest; docs/follow-up.md says why):
    - December: the year's outcome.
    - Year-end closing entries (seed year_end_accounts) come only in December: the year so far
      plus what the budget has for the rest of the year (a region budgets them from the
      actuary's pension forecast and SKR's tax forecast), or, in a year without a budget, what
      the earlier years booked after the same month, on average.
    - Everything else: the year so far grossed up by the share of their year that the earlier
      years (together) had booked by the same month: the line's own seasonal profile (July's
      holidays, December's accruals). When that share is implausible (no earlier year, a total
      of zero, or a share more than twice or less than half the months' share, as for a line
      that changed sign), the run rate.
    ytd: the year so far; earlier_ytd, earlier_year: the earlier years' sums by the same month
    and of their whole years; earlier_years: how many there were; budget_rest: the budget
    after this month (empty in a year without a budget). -#}
{% macro full_year_forecast(ytd, month_number, is_year_end_entry, earlier_ytd, earlier_year,
                            earlier_years, budget_rest) -%}
    case
        when {{ month_number }} = 12 then {{ ytd }}
        when {{ is_year_end_entry }}
            then {{ ytd }} + coalesce(
                {{ budget_rest }},
                {{ divide(earlier_year ~ ' - ' ~ earlier_ytd, earlier_years) }},
                0
            )
        when
            {{ divide(earlier_ytd, earlier_year) }}
            between 0.5 * {{ month_number }} / 12 and 2.0 * {{ month_number }} / 12
            then {{ ytd }} * {{ divide(earlier_year, earlier_ytd) }}
        else {{ run_rate_forecast(ytd, month_number) }}
    end
{%- endmacro %}


{#- The run rate: the year so far as if every month were like the average month so far. -#}
{% macro run_rate_forecast(ytd, month_number) -%}
    cast({{ ytd }} as double) * 12 / {{ month_number }}
{%- endmacro %}


{#- What an amount of an account with a balance-requirement adjustment (seed chart_of_accounts,
    balanskrav_line_code) does to the year's result after the adjustments: realisation gains
    and unrealised changes in value are taken out, the memorandum account's reversals are
    added back; with amounts in the income statement's sign each is minus its amount, as
    operating_accounts.balance_requirement has them. -#}
{% macro balance_requirement_adjustment(report_amount) -%}
    (-1 * {{ report_amount }})
{%- endmacro %}
