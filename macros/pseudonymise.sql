{#- Person identifiers become a keyed hash in staging: sha256 of a secret key and the value.
    The key comes from the environment (NORRLAGER_PSEUDONYM_KEY); the demo default is not a
    secret. The compiled SQL under target/ holds the key: keep target/ out of shared places. -#}
{% macro pseudonymise(column) -%}
    case
        when {{ column }} is not null
            then sha256('{{ env_var("NORRLAGER_PSEUDONYM_KEY", "norrlager-demo-key-not-secret") }}|' || {{ column }})
    end
{%- endmacro %}

{#- Counts below the threshold are suppressed in what BI tools read (patient breakdowns). -#}
{% macro suppress_small(count_expression, threshold=5) -%}
    case when {{ count_expression }} >= {{ threshold }} then {{ count_expression }} end
{%- endmacro %}
