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


{#- The parts of the follow-up (rows of `parts`: `keys`, level, line_code of the income
    statement's leaf line, adjustment_code, amount_sek) summed into the follow-up's lines: every
    line of the income statement's layout above a part (sum_into_layout) that seed
    follow_up_lines follows up (a unit only its operating lines, the region all), and, for the
    region, each balance-requirement adjustment as a line of its own. One rule for the actuals,
    the budget and every forecast method, so they add up the same way. `keys` must hold level. -#}
{% macro sum_into_follow_up_lines(parts, ancestry, follow_up_lines, keys) -%}
    select
        {%- for key in keys %}
        summed.{{ key }},
        {%- endfor %}
        summed.line_code,
        summed.amount_sek
    from ({{ sum_into_layout(parts, ancestry, keys) }}) as summed
    inner join {{ follow_up_lines }} on summed.line_code = {{ follow_up_lines }}.line_code
    where summed.level = 'region' or not {{ follow_up_lines }}.is_region_only
    union all
    select
        {%- for key in keys %}
        {{ key }},
        {%- endfor %}
        adjustment_code as line_code,
        sum({{ balance_requirement_adjustment('amount_sek') }}) as amount_sek
    from {{ parts }}
    where level = 'region' and adjustment_code <> 'none'
    group by
        {%- for key in keys %}
        {{ key }},
        {%- endfor %}
        adjustment_code
{%- endmacro %}
