{#- Money is SEK with two decimals down to the marts; mnkr appears only where the report's
    tables are rebuilt. -#}
{% macro sek(expression) -%}
    cast({{ expression }} as decimal(18, 2))
{%- endmacro %}

{#- Round as the annual report rounds: half away from zero, to `decimals` places. -#}
{% macro report_round(expression, decimals=0) -%}
    {{ return(adapter.dispatch('report_round', 'norrlager')(expression, decimals)) }}
{%- endmacro %}

{#- `decimals` may be a column: scale, round to a whole number, scale back. -#}
{% macro default__report_round(expression, decimals) -%}
    (round(cast({{ expression }} as decimal(38, 6)) * power(10, {{ decimals }}))
    / power(10, {{ decimals }}))
{%- endmacro %}

{% macro duckdb__report_round(expression, decimals) -%}
    (round(cast({{ expression }} as decimal(38, 6)) * power(10, {{ decimals }}))
    / power(10, {{ decimals }}))
{%- endmacro %}

{#- SEK -> mnkr as printed in the report: whole millions. -#}
{% macro to_mnkr(expression) -%}
    {{ report_round(expression ~ ' / 1000000.0', 0) }}
{%- endmacro %}


{#- A report table's amounts in SEK (report_table, line, period, amount_sek) as printed: whole
    mnkr, in the long shape of the published figures. -#}
{% macro figures_in_mnkr(amounts) -%}
    select
        report_table,
        line,
        period,
        {{ to_mnkr('amount_sek') }} as value,
        'mnkr' as unit
    from {{ amounts }}
{%- endmacro %}
