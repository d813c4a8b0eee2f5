{#- The small-cell rule (macro small_cell) holds for a BI column: no row shows a value for a
    group smaller than var('small_cells')[kind]. For a count of persons the column is its own
    group; for a value computed from a group (a share, the patients within the target) `persons`
    names the column that counts the group, and a value is shown only beside a shown count. -#}
{% test small_cells_suppressed(model, column_name, kind, persons=none) %}
    select {{ column_name }}
    from {{ model }}
    where
        {{ column_name }} is not null
        and (
            {{ persons or column_name }} is null
            or {{ persons or column_name }} < {{ small_cell_minimum(kind) }}
        )
{% endtest %}
