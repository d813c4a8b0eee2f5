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
