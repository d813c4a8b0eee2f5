{#- Amounts within each group add up to zero (e.g. every verification balances). -#}
{% test sums_to_zero(model, column_name, group_by) %}
    select
        {{ group_by | join(', ') }},
        sum({{ column_name }}) as total
    from {{ model }}
    group by {{ group_by | join(', ') }}
    having sum({{ column_name }}) <> 0
{% endtest %}
