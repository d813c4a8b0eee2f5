-- Every line of the report's layout (seed report_lines) with itself and each line above it
-- (parent_code, up to four levels): a statement sums its accounts' lines into every ancestor,
-- so its subtotals follow the layout instead of SQL. is_total marks the lines others add up to.
with layout as (
    select * from {{ ref('report_lines') }}
),

parents as (
    select distinct
        report_table,
        parent_code as line_code
    from layout
    where parent_code is not null
),

ancestry as (
    select
        report_table,
        line_code,
        line_code as ancestor_code
    from layout
    union all
    select
        line.report_table,
        line.line_code,
        parent.line_code as ancestor_code
    from layout as line
    inner join layout as parent
        on line.report_table = parent.report_table and line.parent_code = parent.line_code
    union all
    select
        line.report_table,
        line.line_code,
        grandparent.line_code as ancestor_code
    from layout as line
    inner join layout as parent
        on line.report_table = parent.report_table and line.parent_code = parent.line_code
    inner join layout as grandparent
        on
            parent.report_table = grandparent.report_table
            and parent.parent_code = grandparent.line_code
    union all
    select
        line.report_table,
        line.line_code,
        great_grandparent.line_code as ancestor_code
    from layout as line
    inner join layout as parent
        on line.report_table = parent.report_table and line.parent_code = parent.line_code
    inner join layout as grandparent
        on
            parent.report_table = grandparent.report_table
            and parent.parent_code = grandparent.line_code
    inner join layout as great_grandparent
        on
            grandparent.report_table = great_grandparent.report_table
            and grandparent.parent_code = great_grandparent.line_code
),

final as (
    select
        ancestry.report_table,
        ancestry.line_code,
        ancestry.ancestor_code,
        ancestor.label as ancestor_label,
        ancestor.line_order as ancestor_order,
        parents.line_code is not null as ancestor_is_total
    from ancestry
    inner join layout as ancestor
        on
            ancestry.report_table = ancestor.report_table
            and ancestry.ancestor_code = ancestor.line_code
    left join parents
        on
            ancestry.report_table = parents.report_table
            and ancestry.ancestor_code = parents.line_code
)

select * from final
