{#- A line of the report's layout (seed report_lines) by its stable code, as a SQL string
    literal, for models that filter or join on a line. The code is looked up when the model
    runs: a code the seed does not have (renamed there, or mistyped here) fails the build with
    the model and the code named, instead of filtering every row away in silence. Calling it
    also makes the seed a parent of the model. -#}
{% macro report_line(report_table, line_code) -%}
    {%- set layout = ref('report_lines') -%}
    {#- Not in unit tests (the seed is a fixture there) nor before the seed exists (sqlfluff's
        templater compiles against an empty warehouse). -#}
    {%- if execute and model.resource_type == 'model' and load_relation(layout) is not none -%}
        {%- set found = run_query(
            "select count(*) from " ~ layout ~ " where report_table = '" ~ report_table
            ~ "' and line_code = '" ~ line_code ~ "'") -%}
        {%- if found.columns[0].values()[0] == 0 -%}
            {{ exceptions.raise_compiler_error(
                "model " ~ model.name ~ " uses report line " ~ report_table ~ "." ~ line_code
                ~ ", which seed report_lines does not have") }}
        {%- endif -%}
    {%- endif -%}
    '{{ line_code }}'
{%- endmacro %}


{#- How a statement sums its layout, in one place: `layout_lines` lists the table's lines (from
    int_report_line_ancestry, filtered to the table) with label, order and is_total;
    `sum_into_layout` adds each leaf amount (rows of `leaves`: the `keys`, line_code,
    amount_sek) into its own line and every line above it. -#}
{% macro layout_lines(ancestry) -%}
    select distinct
        ancestor_code as line_code,
        ancestor_label as label,
        ancestor_order as line_order,
        ancestor_is_total as is_total
    from {{ ancestry }}
{%- endmacro %}


{% macro sum_into_layout(leaves, ancestry, keys) -%}
    select
        {%- for key in keys %}
        {{ leaves }}.{{ key }},
        {%- endfor %}
        {{ ancestry }}.ancestor_code as line_code,
        sum({{ leaves }}.amount_sek) as amount_sek
    from {{ leaves }}
    inner join {{ ancestry }} on {{ leaves }}.line_code = {{ ancestry }}.line_code
    group by
        {%- for key in keys %}
        {{ leaves }}.{{ key }},
        {%- endfor %}
        {{ ancestry }}.ancestor_code
{%- endmacro %}
