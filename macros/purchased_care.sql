{#- What purchased care counts for any grouping of invoice lines (stg_invoices__lines as
    `lines`), the one place it is kept: cost, care episodes, distinct patients and DRG points.
    Episodes and patients are distinct counts, so each grain counts them from the lines, never
    by adding a finer grain's. -#}
{% macro purchased_care_measures() -%}
    sum(lines.amount_sek) as cost_sek,
    count(distinct lines.episode_id) as episodes,
    count(distinct lines.patient_key) as patients,
    sum(lines.drg_points) as drg_points
{%- endmacro %}
