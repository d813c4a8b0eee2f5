{#- The secondary suppression of macro small_cell_rows holds: for every coarser total of the
    mart's rows that another served table publishes (macro small_cell_published_totals), no
    group holds exactly one hidden row among several, so no hidden row can be recovered by
    subtracting the visible rows from a total BI can read. Fails the build (for any seed or
    volume) rather than serve a recoverable row. -#}
{% test no_hidden_row_recoverable(model, mart, hidden='is_suppressed') %}
    {%- set margins = small_cell_published_totals(mart)['published'] %}
    {%- for margin in margins %}
    select
        '{{ margin | join(", ") or "(all rows)" }}' as total,
        count(case when {{ hidden }} then 1 end) as hidden_rows,
        count(*) as rows_in_group
    from {{ model }}
    {%- if margin %}
    group by {{ margin | join(', ') }}
    {%- endif %}
    having count(case when {{ hidden }} then 1 end) = 1 and count(*) > 1
    {{ 'union all' if not loop.last }}
    {%- endfor %}
{% endtest %}
