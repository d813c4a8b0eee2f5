{#- Arithmetic and dates that DuckDB and Spark spell or compute differently, written once.
    Models call these (or dbt's own cross-database macros: dbt.datediff, dbt.type_string, ...)
    instead of engine-specific SQL; tests/test_portability.py keeps it that way. -#}

{#- A quotient as a double, null when the denominator is 0 or null. Guarded explicitly: x/0 is
    +inf on DuckDB and null on Spark, and decimal division keeps different scales on the two
    engines, so both operands become doubles first and every engine returns the same number. -#}
{% macro divide(numerator, denominator) -%}
    cast({{ numerator }} as double) / nullif(cast({{ denominator }} as double), 0)
{%- endmacro %}

{#- The first day of a date's month, as a date (DuckDB's date_trunc keeps dates, Spark's returns a
    timestamp). -#}
{% macro month_start(date) -%}
    {{ return(adapter.dispatch('month_start', 'norrlager')(date)) }}
{%- endmacro %}

{% macro default__month_start(date) -%}
    cast(date_trunc('month', {{ date }}) as date)
{%- endmacro %}

{% macro spark__month_start(date) -%}
    trunc({{ date }}, 'MM')
{%- endmacro %}

{#- A date's month as a period, 'YYYY-MM' (the deliveries' period). -#}
{% macro period_of(date) -%}
    {{ return(adapter.dispatch('period_of', 'norrlager')(date)) }}
{%- endmacro %}

{% macro default__period_of(date) -%}
    strftime({{ date }}, '%Y-%m')
{%- endmacro %}

{% macro spark__period_of(date) -%}
    date_format({{ date }}, 'yyyy-MM')
{%- endmacro %}


{#- The period YYYY-MM of a year and a month number (both integers). -#}
{% macro period_of_month(fiscal_year, month_number) -%}
    cast(
        cast({{ fiscal_year }} as {{ dbt.type_string() }})
        || '-' || lpad(cast({{ month_number }} as {{ dbt.type_string() }}), 2, '0')
        as {{ dbt.type_string() }}
    )
{%- endmacro %}
