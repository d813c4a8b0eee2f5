{#- A model of the report's tables builds exactly what seed report_coverage declares for it:
    every table (or line) declared for it has rows, and it builds nothing declared for another
    model or as not built. A mart that feeds it and comes out empty fails here, naming the
    report table. -#}
{% test builds_its_declared_figures(model) %}
    {#- Its rows name report tables, never persons: the build's output lists them. -#}
    {{ config(store_failures=true) }}
    with coverage as (
        select * from {{ ref('report_coverage') }}
    ),

    built as (
        select distinct
            report_table,
            line
        from {{ model }}
    ),

    declared as (
        select
            report_table,
            line
        from coverage
        where built_by = '{{ model.identifier }}'
    ),

    declared_but_empty as (
        select
            declared.report_table,
            declared.line,
            'declared in report_coverage but not built' as problem
        from declared
        where not exists (
            select 1 from built
            where
                built.report_table = declared.report_table
                and (declared.line = '*' or built.line = declared.line)
        )
    ),

    -- A line's own coverage row decides, else its table's '*' row.
    owners as (
        select
            built.report_table,
            built.line,
            coalesce(own.built_by, whole.built_by) as built_by
        from built
        left join coverage as own
            on built.report_table = own.report_table and built.line = own.line
        left join coverage as whole
            on built.report_table = whole.report_table and whole.line = '*'
    ),

    built_but_undeclared as (
        select
            report_table,
            line,
            'built but report_coverage declares it for ' || coalesce(built_by, 'nobody') as problem
        from owners
        where built_by is null or built_by <> '{{ model.identifier }}'
    )

    select * from declared_but_empty
    union all
    select * from built_but_undeclared
{% endtest %}
