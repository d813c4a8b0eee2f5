-- Every line of the report's layout (seed report_lines) with itself and each line above it
-- (parent_code, up to four levels): a statement sums its accounts' lines into every ancestor,
-- so its subtotals follow the layout instead of SQL. is_total marks the lines others add up to.
{#- Deeper layouts need a larger max_depth; a line deeper than this misses its top ancestors. -#}
{% set max_depth = 4 %}
with layout as (
    select * from {{ ref('report_lines') }}
),

parents as (
    select distinct
        report_table,
        parent_code as line_code
    from layout
    where parent_code is not null
),

-- Level 0 is the line itself, level n the line n steps up through parent_code.
ancestry as (
    {% for depth in range(max_depth) %}
        select
            line.report_table,
            line.line_code,
            {{ 'line' if depth == 0 else 'up_' ~ depth }}.line_code as ancestor_code
        from layout as line
        {% for level in range(1, depth + 1) %}
            {% set below = 'line' if level == 1 else 'up_' ~ (level - 1) %}
            inner join layout as up_{{ level }}
                on
                    {{ below }}.report_table = up_{{ level }}.report_table
                    and {{ below }}.parent_code = up_{{ level }}.line_code
        {% endfor %}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select
        ancestry.report_table,
        ancestry.line_code,
        ancestry.ancestor_code,
        ancestor.label as ancestor_label,
        ancestor.line_order as ancestor_order,
        parents.line_code is not null as ancestor_is_total
    from ancestry
    inner join layout as ancestor
        on
            ancestry.report_table = ancestor.report_table
            and ancestry.ancestor_code = ancestor.line_code
    left join parents
        on
            ancestry.report_table = parents.report_table
            and ancestry.ancestor_code = parents.line_code
)

select * from final
