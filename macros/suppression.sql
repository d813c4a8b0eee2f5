{#- Counts below the threshold are suppressed in what BI tools read (patient breakdowns). -#}
{% macro suppress_small(count_expression, threshold=5) -%}
    case when {{ count_expression }} >= {{ threshold }} then {{ count_expression }} end
{%- endmacro %}
