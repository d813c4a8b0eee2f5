{#- The small-cell rule, the one place it is kept: a BI-facing value that counts persons, or
    is computed from a group of persons, is shown only when the group has at least
    var('small_cells')[kind] persons (patients: 5, employees: 11), else null.

    `small_cell(value, persons, kind)` is the rule for one cell. Where the cells of a group
    add up to a total BI can also read (the sexes of a measure, the specialties of a waiting
    list), one suppressed cell could be recovered by subtraction: with `group_by` (the
    columns that make a group) it also hides the smallest other cell of a group in which
    exactly one cell is below the threshold (secondary suppression).
    Every BI column that counts persons says in its yml which rule it follows
    (meta small_cells) and tests it (generic test small_cells_suppressed). -#}
{% macro small_cell(value, persons, kind, group_by=none) -%}
    {%- set minimum = small_cell_minimum(kind) -%}
    {%- if group_by is none -%}
        case when {{ persons }} >= {{ minimum }} then {{ value }} end
    {%- else -%}
        {%- set group = 'partition by ' ~ group_by | join(', ') -%}
        case
            when {{ persons }} < {{ minimum }} then null
            when
                count(case when {{ persons }} < {{ minimum }} then 1 end) over ({{ group }}) = 1
                and {{ persons }}
                = min(case when {{ persons }} >= {{ minimum }} then {{ persons }} end) over ({{ group }})
                then null
            else {{ value }}
        end
    {%- endif -%}
{%- endmacro %}


{% macro small_cell_minimum(kind) -%}
    {%- set minimums = var('small_cells') -%}
    {%- if kind not in minimums -%}
        {{ exceptions.raise_compiler_error("no small-cell rule for " ~ kind ~ " (var small_cells)") }}
    {%- endif -%}
    {{ minimums[kind] }}
{%- endmacro %}


{#- The small-cell rule for a whole row, the one place it is kept for row-level marts: a served
    row whose person count is below var('small_cells')[kind] hides every count and measure of
    those persons (events, stays, episodes, DRG points, injuries, reviews), not just the count.

    `small_cell_rows(source, persons, kind, mart)` writes the CTEs that decide which rows are
    hidden; the last one, `<source>_suppressed`, is `source` with a boolean `is_suppressed`.
    The mart then shows a person measure as `case when not is_suppressed then … end`.

    Secondary suppression: an analyst who reads a coarser total of the same rows in another
    served table (the annual report's visits per year, care type and caregiver category; the
    goal measures per year and sex; purchased care per month and category …) could subtract
    the visible rows from it and recover a hidden row if it were the only hidden row of its
    group. The totals each mart's rows are published in are declared in
    small_cell_published_totals (the one list of them); in a group of such a total with exactly
    one hidden row among several, the smallest visible rows are hidden too, `passes` rounds.
    The generic test no_hidden_row_recoverable checks the result over the same totals, so a case
    the rounds did not settle fails the build instead of being served. -#}
{% macro small_cell_rows(source, persons, kind, mart, passes=4) -%}
    {%- set minimum = small_cell_minimum(kind) -%}
    {%- set rule = small_cell_published_totals(mart) -%}
    {%- set dimensions = rule['grain'] -%}
    {%- set margins = rule['published'] -%}
    {{ source }}_suppressed_0 as (
        select
            {{ dimensions | join(', ') }},
            coalesce({{ persons }}, 0) as persons,
            coalesce({{ persons }}, 0) < {{ minimum }} as is_suppressed
        from {{ source }}
    ),
    {%- for i in range(1, passes + 1) %}
    {%- set previous = source ~ '_suppressed_' ~ (i - 1) %}

    {{ source }}_suppressed_{{ i }}_windows as (
        select
            *,
            {%- for margin in margins %}
            {%- set over = 'partition by ' ~ margin | join(', ') if margin else '' %}
            count(case when is_suppressed then 1 end) over ({{ over }}) as hidden_{{ loop.index }},
            count(*) over ({{ over }}) as rows_{{ loop.index }},
            min(case when not is_suppressed then persons end) over ({{ over }})
                as smallest_{{ loop.index }}{{ ',' if not loop.last }}
            {%- endfor %}
        from {{ previous }}
    ),

    {{ source }}_suppressed_{{ i }} as (
        select
            {{ dimensions | join(', ') }},
            persons,
            is_suppressed
            {%- for margin in margins %}
            or (hidden_{{ loop.index }} = 1 and rows_{{ loop.index }} > 1 and persons = smallest_{{ loop.index }})
            {%- endfor %} as is_suppressed
        from {{ source }}_suppressed_{{ i }}_windows
    ),
    {%- endfor %}

    {{ source }}_suppressed as (
        select
            {{ source }}.*,
            {{ source }}_suppressed_{{ passes }}.is_suppressed
        from {{ source }}
        inner join {{ source }}_suppressed_{{ passes }}
            on
            {%- for d in dimensions %}
                {{ 'and ' if not loop.first }}{{ source }}.{{ d }} is not distinct from {{ source }}_suppressed_{{ passes }}.{{ d }}
            {%- endfor %}
    )
{%- endmacro %}


{#- Per row-level mart: its grain, and every coarser total of its rows that another served table
    publishes (lists of the grain's columns; [] is the grand total). Adding a served table or
    figure that sums one of these marts' rows means adding its total here. -#}
{% macro small_cell_published_totals(mart) -%}
    {%- set totals = {
        'contacts_monthly': {
            'grain': ['period', 'calendar_year', 'care_type', 'caregiver_category', 'contact_form',
                      'is_private', 'channel', 'sex', 'age_band'],
            'published': [
                ['calendar_year'],
                ['calendar_year', 'care_type'],
                ['calendar_year', 'caregiver_category'],
                ['calendar_year', 'care_type', 'caregiver_category'],
                ['calendar_year', 'care_type', 'caregiver_category', 'contact_form', 'sex'],
                ['calendar_year', 'contact_form'],
                ['calendar_year', 'sex'],
                ['calendar_year', 'sex', 'contact_form'],
                ['calendar_year', 'sex', 'channel'],
                ['calendar_year', 'sex', 'channel', 'age_band'],
                ['calendar_year', 'channel'],
                ['calendar_year', 'channel', 'age_band'],
            ],
        },
        'admissions_monthly': {
            'grain': ['period', 'calendar_year', 'care_type', 'sex', 'age_band'],
            'published': [
                ['calendar_year'],
                ['calendar_year', 'care_type'],
                ['calendar_year', 'care_type', 'sex'],
                ['calendar_year', 'sex'],
            ],
        },
        'purchased_care_monthly': {
            'grain': ['period', 'fiscal_year', 'category', 'provider_id', 'cost_centre_code',
                      'account_code'],
            'published': [
                ['fiscal_year'],
                ['fiscal_year', 'category'],
                ['fiscal_year', 'provider_id'],
                ['fiscal_year', 'provider_id', 'category'],
                ['period', 'fiscal_year', 'category'],
            ],
        },
        'purchased_care_by_category_monthly': {
            'grain': ['period', 'fiscal_year', 'category'],
            'published': [['fiscal_year'], ['fiscal_year', 'category']],
        },
        'purchased_care_by_category': {
            'grain': ['fiscal_year', 'category'],
            'published': [['fiscal_year']],
        },
    } -%}
    {%- if mart not in totals -%}
        {{ exceptions.raise_compiler_error("no published totals declared for " ~ mart ~ " (macro small_cell_published_totals)") }}
    {%- endif -%}
    {{ return(totals[mart]) }}
{%- endmacro %}
