{#- The layout seed as a table to query while a model compiles: the seed itself, not the
    empty stand-in `ref()` gives under `dbt build --empty`; none before it is loaded, or in a
    unit test. Calling it makes the seed a parent of the model. -#}
{% macro layout_table() -%}
    {%- set layout = ref('report_lines') -%}
    {%- if not execute or model.resource_type != 'model' -%}
        {{- return(none) -}}
    {%- endif -%}
    {{- return(adapter.get_relation(layout.database, layout.schema, layout.identifier)) -}}
{%- endmacro %}


{#- A line of the report's layout (seed report_lines) by its stable code, as a SQL string
    literal, for models that filter or join on a line. The code is looked up when the model
    runs: a code the seed does not have (renamed there, or mistyped here) fails the build with
    the model and the code named, instead of filtering every row away in silence. Calling it
    also makes the seed a parent of the model. -#}
{% macro report_line(report_table, line_code) -%}
    {%- set layout = layout_table() -%}
    {#- Unchecked in unit tests and before the seed exists (sqlfluff's templater compiles
        against an empty warehouse). -#}
    {%- if layout is not none -%}
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


{#- How a statement sums its layout, in one place: `layout_lines` lists the table's lines (from
    int_report_line_ancestry, filtered to the table) with label, order and is_total;
    `sum_into_layout` adds each leaf amount (rows of `leaves`: the `keys`, line_code,
    amount_sek) into its own line and every line above it. -#}
{% macro layout_lines(ancestry) -%}
    select distinct
        ancestor_code as line_code,
        ancestor_label as label,
        ancestor_order as line_order,
        ancestor_is_total as is_total
    from {{ ancestry }}
{%- endmacro %}


{% macro sum_into_layout(leaves, ancestry, keys) -%}
    select
        {%- for key in keys %}
        {{ leaves }}.{{ key }},
        {%- endfor %}
        {{ ancestry }}.ancestor_code as line_code,
        sum({{ leaves }}.amount_sek) as amount_sek
    from {{ leaves }}
    inner join {{ ancestry }} on {{ leaves }}.line_code = {{ ancestry }}.line_code
    group by
        {%- for key in keys %}
        {{ leaves }}.{{ key }},
        {%- endfor %}
        {{ ancestry }}.ancestor_code
{%- endmacro %}


{#- The printed labels of report tables, read once per model from seed report_lines:
    `report_labels(['tillganglighet', ...])` gives a dict that `printed(labels, table, code)`
    turns into a SQL string literal. The report layer writes its lines through these two, so a
    label is only ever written in the seed: renaming it there renames the printed line, and a
    code the seed lacks fails the build naming the model and the code. In unit tests (the seed
    is a fixture there) and before the seed exists (sqlfluff compiles against an empty
    warehouse) a line prints as its code. -#}
{% macro report_labels(report_tables) -%}
    {%- set layout = layout_table() -%}
    {%- set labels = {'__tables__': report_tables} -%}
    {%- if layout is not none -%}
        {%- set rows = run_query(
            "select report_table, line_code, label from " ~ layout
            ~ " where report_table in ('" ~ report_tables | join("', '") ~ "')") -%}
        {%- for row in rows.rows -%}
            {%- do labels.update({row[0] ~ '.' ~ row[1]: row[2]}) -%}
        {%- endfor -%}
        {%- do labels.update({'__loaded__': true}) -%}
    {%- endif -%}
    {{- return(labels) -}}
{%- endmacro %}


{% macro printed(labels, report_table, line_code) -%}
    {%- if report_table not in labels['__tables__'] -%}
        {{ exceptions.raise_compiler_error(
            "model " ~ model.name ~ " prints " ~ report_table ~ "." ~ line_code
            ~ " without loading that table's labels (report_labels)") }}
    {%- endif -%}
    {%- if not labels.get('__loaded__') -%}
        '{{ line_code }}'
    {%- elif report_table ~ '.' ~ line_code in labels -%}
        '{{ labels[report_table ~ "." ~ line_code] | replace("'", "''") }}'
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "model " ~ model.name ~ " prints report line " ~ report_table ~ "." ~ line_code
            ~ ", which seed report_lines does not have") }}
    {%- endif -%}
{%- endmacro %}


{#- A person's sex (K, M) as a report table prints it: its lines `kvinnor` and `man`, or, for
    the children's psychiatry waits, `flickor` and `pojkar`. -#}
{% macro printed_sex(labels, report_table, sex, girls='kvinnor', boys='man') -%}
    case {{ sex }}
        when 'K' then {{ printed(labels, report_table, girls) }}
        else {{ printed(labels, report_table, boys) }}
    end
{%- endmacro %}


{#- The CTEs of a table of lines that the chart of accounts assigns accounts to (the notes, income
    and costs per type): every line of every table for every year of `amounts` (0 where
    nothing was booked: the report prints 0), each table's total as the line `total_code`,
    and each line's label from the layout. `table_column` and `line_column` are the columns
    of the chart (stg_reference__accounts) naming a line, which `amounts` (with fiscal_year
    and report_amount_sek) carries under the same names. Ends with the CTE `labelled`
    (fiscal_year, report_table, line_code, label, is_total, amount_sek). -#}
{% macro lines_of_accounts(amounts, table_column, line_column, total_code) -%}
years as (
    select distinct fiscal_year from {{ amounts }}
),

line_spine as (
    select distinct
        years.fiscal_year,
        accounts.{{ table_column }} as report_table,
        accounts.{{ line_column }} as line_code
    from {{ ref('stg_reference__accounts') }} as accounts
    cross join years
    where accounts.{{ table_column }} is not null
),

detail_lines as (
    select
        line_spine.fiscal_year,
        line_spine.report_table,
        line_spine.line_code,
        false as is_total,
        coalesce(sum({{ amounts }}.report_amount_sek), 0) as amount_sek
    from line_spine
    left join {{ amounts }}
        on
            line_spine.fiscal_year = {{ amounts }}.fiscal_year
            and line_spine.report_table = {{ amounts }}.{{ table_column }}
            and line_spine.line_code = {{ amounts }}.{{ line_column }}
    group by line_spine.fiscal_year, line_spine.report_table, line_spine.line_code
),

all_lines as (
    select * from detail_lines
    union all
    select
        fiscal_year,
        report_table,
        '{{ total_code }}',
        true,
        sum(amount_sek)
    from detail_lines
    group by fiscal_year, report_table
),

labelled as (
    select
        all_lines.fiscal_year,
        all_lines.report_table,
        all_lines.line_code,
        layout.label,
        all_lines.is_total,
        all_lines.amount_sek
    from all_lines
    left join {{ ref('report_lines') }} as layout
        on
            all_lines.report_table = layout.report_table
            and all_lines.line_code = layout.line_code
)
{%- endmacro %}
