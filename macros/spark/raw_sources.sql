{#- The raw tables on an engine that does not load them itself. On DuckDB the loader writes
    schema raw directly, so there is nothing to do. On Spark the raw tables arrive as Parquet
    (one folder per source table, written by `norrlager spark export`): each source table is
    registered as an external table over its folder, at the start of every dbt invocation, so a
    new delivery is read without copying it. -#}
{% macro register_raw_sources() -%}
    {{ return(adapter.dispatch('register_raw_sources', 'norrlager')()) }}
{%- endmacro %}

{% macro default__register_raw_sources() -%}
    {{ return('') }}
{%- endmacro %}

{% macro spark__register_raw_sources() -%}
    {%- set location = env_var('NORRLAGER_RAW_PARQUET', '') -%}
    {%- if execute and location -%}
        {%- set schemas = [] -%}
        {%- for source in graph.sources.values() -%}
            {%- if source.schema not in schemas -%}
                {%- do run_query('create database if not exists ' ~ source.schema) -%}
                {%- do schemas.append(source.schema) -%}
            {%- endif -%}
            {%- do run_query('drop table if exists ' ~ source.schema ~ '.' ~ source.identifier) -%}
            {%- do run_query('create table ' ~ source.schema ~ '.' ~ source.identifier
                             ~ " using parquet location '" ~ location ~ '/' ~ source.identifier ~ "'") -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}
