{#- The small-cell rule, the one place it is kept: a BI-facing value that counts persons, or
    is computed from a group of persons, is shown only when the group has at least
    var('small_cells')[kind] persons (patients: 5, employees: 11), else null.

    `small_cell(value, persons, kind)` is the rule for one cell. Where the cells of a group
    add up to a total BI can also read (the sexes of a measure, the specialties of a waiting
    list), one suppressed cell could be recovered by subtraction: with `group_by` (the
    columns that make a group) it also hides the smallest other cell of a group in which
    exactly one cell is below the threshold (secondary suppression).
    Every BI column that counts persons says in its yml which rule it follows
    (meta small_cells) and tests it (generic test small_cells_suppressed). -#}
{% macro small_cell(value, persons, kind, group_by=none) -%}
    {%- set minimum = small_cell_minimum(kind) -%}
    {%- if group_by is none -%}
        case when {{ persons }} >= {{ minimum }} then {{ value }} end
    {%- else -%}
        {%- set group = 'partition by ' ~ group_by | join(', ') -%}
        case
            when {{ persons }} < {{ minimum }} then null
            when
                count(case when {{ persons }} < {{ minimum }} then 1 end) over ({{ group }}) = 1
                and {{ persons }}
                = min(case when {{ persons }} >= {{ minimum }} then {{ persons }} end) over ({{ group }})
                then null
            else {{ value }}
        end
    {%- endif -%}
{%- endmacro %}


{% macro small_cell_minimum(kind) -%}
    {%- set minimums = var('small_cells') -%}
    {%- if kind not in minimums -%}
        {{ exceptions.raise_compiler_error("no small-cell rule for " ~ kind ~ " (var small_cells)") }}
    {%- endif -%}
    {{ minimums[kind] }}
{%- endmacro %}
