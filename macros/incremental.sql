{#- The periods of a source loaded after this incremental model last saw them: a new month, or
    an earlier one delivered again corrected. Used by the large staging tables, so a monthly
    refresh pseudonymises only what was delivered. -#}
{% macro periods_loaded_since_last_build(source_relation, period_column='period',
                                          loaded_column='_loaded_at',
                                          built_column='loaded_at') -%}
    {{ period_column }} in (
        select loaded.period
        from (
            select
                {{ period_column }} as period,
                max({{ loaded_column }}) as loaded_at
            from {{ source_relation }}
            group by {{ period_column }}
        ) as loaded
        left join (
            select
                {{ period_column }} as period,
                max({{ built_column }}) as loaded_at
            from {{ this }}
            group by {{ period_column }}
        ) as built on loaded.period = built.period
        where built.loaded_at is null or loaded.loaded_at > built.loaded_at
    )
{%- endmacro %}

{#- The rows of a source an incremental staging model reads: all of them on a full build, only
    the periods loaded since its last build otherwise. -#}
{% macro rows_loaded_since_last_build(source_relation) -%}
    select * from {{ source_relation }}
    {% if is_incremental() %}
        where {{ periods_loaded_since_last_build(source_relation) }}
    {% endif %}
{%- endmacro %}

{#- The config of a model that is incremental by period: a refresh replaces the periods it
    rebuilds, whole. The one place the strategy is chosen per engine: DuckDB deletes the
    periods and inserts them again; Spark (no delete+insert) overwrites the table's partitions,
    one per period. Used as `config(**incremental_by_period())`. -#}
{% macro incremental_by_period() -%}
    {{ return(adapter.dispatch('incremental_by_period', 'norrlager')()) }}
{%- endmacro %}

{% macro default__incremental_by_period() -%}
    {{ return({'materialized': 'incremental', 'incremental_strategy': 'delete+insert',
               'unique_key': 'period', 'on_schema_change': 'fail'}) }}
{%- endmacro %}

{% macro spark__incremental_by_period() -%}
    {{ return({'materialized': 'incremental', 'incremental_strategy': 'insert_overwrite',
               'partition_by': ['period'], 'file_format': 'parquet',
               'on_schema_change': 'fail'}) }}
{%- endmacro %}

{#- The periods of an incremental model's period-grained input whose source rows were loaded
    after the last successful build of the refresh (NORRLAGER_LOADED_SINCE, the newest load
    time that build saw, set by norrlager.build_plan). Used by models downstream of the
    incremental staging models, which no longer hold the periods they replaced. Without it
    (no record of a build, or dbt run by hand) every period is rebuilt. -#}
{% macro periods_loaded_since_last_refresh(input_relation, period_column='period',
                                            loaded_column='loaded_at') -%}
    {%- set since = env_var('NORRLAGER_LOADED_SINCE', '') -%}
    {%- if since -%}
        {{ period_column }} in (
            select distinct {{ period_column }}
            from {{ input_relation }}
            where {{ loaded_column }} > cast('{{ since }}' as timestamp)
        )
    {%- else -%}
        1 = 1
    {%- endif %}
{%- endmacro %}

{#- Every period from the earliest one whose rows changed since the last successful build of the
    refresh (NORRLAGER_LOADED_SINCE), for a model whose period's rows depend on other periods'
    deliveries: HR's employment months take the person delivered in an earlier month, and an
    absence spell counts in every month it crosses, including months after the one it was
    delivered in. `inputs`: (relation, period expression) pairs, each relation with a loaded_at
    column, e.g. [(ref('stg_hr__absences'), period_of('first_day'))]. Nothing loaded since:
    no period is rebuilt. Without a record of a build, every period is. -#}
{% macro periods_from_earliest_loaded_since_last_refresh(inputs, period_column='period') -%}
    {%- set since = env_var('NORRLAGER_LOADED_SINCE', '') -%}
    {%- if since -%}
        {{ period_column }} >= (
            select min(changed.period) from (
                {%- for relation, period in inputs %}
                select {{ period }} as period from {{ relation }}
                where loaded_at > cast('{{ since }}' as timestamp)
                {%- if not loop.last %}
                union all
                {%- endif %}
                {%- endfor %}
            ) as changed
        )
    {%- else -%}
        1 = 1
    {%- endif %}
{%- endmacro %}
