{#- The full-year forecast of one part of a line of one unit, made with the months up to
    month_number known (method `model` of follow_up.forecast_backtest; docs/follow-up.md says
    why it is made this way):
    - December: the year's outcome.
    - Year-end closing entries (seed year_end_accounts) come only in December: the year so far
      plus what the budget has for the rest of the year (a region budgets them from the
      actuary's pension forecast and SKR's tax forecast), or, in a year without a budget, what
      last year booked after the same month.
    - Everything else: the year so far grossed up by the share of its year that last year had
      booked by the same month: the line's own seasonal profile (July's holidays, December's
      accruals) as the region books now. When that share is implausible (no last year, a total
      of zero, a share more than twice or less than half the months' share, as for a line that
      changed sign), the run rate.
    ytd: the year so far; last_year_ytd, last_year: last year's sum by the same month and its
    whole year; budget_rest: the budget after this month (empty in a year without a budget). -#}
{% macro full_year_forecast(ytd, month_number, is_year_end_entry, last_year_ytd, last_year,
                            budget_rest) -%}
    case
        when {{ month_number }} = 12 then {{ ytd }}
        when {{ is_year_end_entry }}
            then {{ ytd }} + coalesce({{ budget_rest }}, {{ last_year }} - {{ last_year_ytd }}, 0)
        when
            {{ divide(last_year_ytd, last_year) }}
            between 0.5 * {{ month_number }} / 12 and 2.0 * {{ month_number }} / 12
            then {{ ytd }} * {{ divide(last_year, last_year_ytd) }}
        else {{ run_rate_forecast(ytd, month_number) }}
    end
{%- endmacro %}


{#- The run rate: the year so far as if every month were like the average month so far. -#}
{% macro run_rate_forecast(ytd, month_number) -%}
    {{ divide(ytd ~ ' * 12', month_number) }}
{%- endmacro %}


{#- What an amount of an account with a balance-requirement adjustment (seed chart_of_accounts,
    balanskrav_line_code) does to the year's result after the adjustments: realisation gains
    and unrealised changes in value are taken out, the memorandum account's reversals are
    added back; with amounts in the income statement's sign each is minus its amount, as
    operating_accounts.balance_requirement has them. -#}
{% macro balance_requirement_adjustment(report_amount) -%}
    (-1 * {{ report_amount }})
{%- endmacro %}
