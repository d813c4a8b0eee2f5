{#- The rules of the personnel marts, each in one place. -#}

{#- Sick-leave interval of a spell: its length in calendar days, first to last day (a spell of
    exactly 14 days is short, 15 days long). Long-term sick leave as the report counts it is a
    spell of 15 days or more; as the mandatory disclosure counts it (RKR), 60 days or more. -#}
{% macro sick_interval(spell_days) -%}
    case
        when {{ spell_days }} <= 14 then '1-14'
        when {{ spell_days }} <= 59 then '15-59'
        when {{ spell_days }} <= 90 then '60-90'
        else '91-'
    end
{%- endmacro %}

{#- Age band of the report (−29, 30–49, 50−) from the age reached during the calendar year
    (year − birth year), as SCB counts age in yearly statistics. -#}
{% macro age_band(calendar_year, birth_year) -%}
    case
        when {{ calendar_year }} - {{ birth_year }} <= 29 then '-29'
        when {{ calendar_year }} - {{ birth_year }} <= 49 then '30-49'
        else '50-'
    end
{%- endmacro %}

{#- Days two date ranges share (0 when they do not meet). -#}
{% macro overlap_days(first_a, last_a, first_b, last_b) -%}
    greatest(0, {{ dbt.datediff('greatest(' ~ first_a ~ ', ' ~ first_b ~ ')',
                                'least(' ~ last_a ~ ', ' ~ last_b ~ ')', 'day') }} + 1)
{%- endmacro %}

{#- FTE (årsarbetare) of worked time: worked hours over the hours of one full-time year. -#}
{% macro worked_fte(hours) -%}
    {{ divide(hours, var('hours_per_fte')) }}
{%- endmacro %}

{#- Percent of a group's hours (sick leave of scheduled hours), under the small-cell rule for
    employees (macro small_cell): null for groups too small to show. -#}
{% macro percent_of_group(numerator, denominator, employees) -%}
    cast({{ small_cell(divide('100 * ' ~ numerator, denominator), employees,
                       'employees') }} as double)
{%- endmacro %}
