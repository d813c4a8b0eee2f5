{#- In a mart that flags its total rows (is_total), the other rows of each group add up to the
    group's total: what a BI tool sums over `not is_total` is what the report prints. -#}
{% test non_totals_add_up_to_the_total(model, group_by, measure) %}
    select
        {{ group_by | join(', ') }},
        sum(case when not is_total then {{ measure }} else 0 end) as parts,
        sum(case when is_total then {{ measure }} else 0 end) as total
    from {{ model }}
    group by {{ group_by | join(', ') }}
    having abs(
        sum(case when not is_total then {{ measure }} else 0 end)
        - sum(case when is_total then {{ measure }} else 0 end)
    ) > 0.005
{% endtest %}
