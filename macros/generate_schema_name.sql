{#- Models land in the schema their folder names (staging, operating_accounts, ...), not in
    `<target>_<schema>`: the schemas are part of the warehouse's public interface. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
