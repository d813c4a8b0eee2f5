-- Worked time and absence as shares of scheduled time, sick leave by spell length, and sick
-- leave by sex and age band (printed with one and with two decimals).
{% set labels = report_labels(['arbetad_tid_och_franvaro', 'sjukfranvaro_intervall',
                               'sjukfranvaro_kon_alder']) %}
with absence as (
    select * from {{ ref('absence_yearly') }}
),

sick as (
    select * from {{ ref('sick_leave_yearly') }}
),

sick_all as (
    select * from sick
    where breakdown = 'all'
),

worked_and_absent as (
    {% for line, column in [('arbetad_tid', 'worked_percent'),
                            ('sjukfranvaro', 'sick_percent'),
                            ('ovrig_franvaro', 'other_absence_percent'),
                            ('foraldraledighet', 'parental_percent'),
                            ('semesteruttag', 'vacation_percent')] %}
        select
            'arbetad_tid_och_franvaro' as report_table,
            {{ printed(labels, 'arbetad_tid_och_franvaro', line) }} as line,
            calendar_year,
            {{ column }} as value
        from absence
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

by_interval as (
    {% for line, column in [
        ('dagar_1_14', 'percent_1_14'),
        ('dagar_15_59', 'percent_15_59'),
        ('dagar_60_90', 'percent_60_90'),
        ('dagar_91_plus', 'percent_91_plus'),
        ('lang_andel', 'long_term_share_15_percent'),
        ('kort_andel', 'short_term_share_percent'),
        ('total', 'sick_percent')] %}
        select
            'sjukfranvaro_intervall' as report_table,
            {{ printed(labels, 'sjukfranvaro_intervall', line) }} as line,
            calendar_year,
            {{ column }} as value
        from sick_all
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

one_decimal as (
    select * from worked_and_absent
    union all
    select * from by_interval
    union all
    select
        'sjukfranvaro_kon_alder',
        {{ printed(labels, 'sjukfranvaro_kon_alder', 'total') }},
        calendar_year,
        sick_percent
    from sick_all
),

by_sex_and_age as (
    select
        'sjukfranvaro_kon_alder' as report_table,
        case
            when breakdown = 'all' then {{ printed(labels, 'sjukfranvaro_kon_alder', 'alla') }}
            when breakdown_value = 'K' then {{ printed(labels, 'sjukfranvaro_kon_alder', 'kvinnor') }}
            when breakdown_value = 'M' then {{ printed(labels, 'sjukfranvaro_kon_alder', 'man') }}
            when breakdown_value = '-29' then {{ printed(labels, 'sjukfranvaro_kon_alder', 'alder_29') }}
            when breakdown_value = '30-49'
                then {{ printed(labels, 'sjukfranvaro_kon_alder', 'alder_30_49') }}
            when breakdown_value = '50-' then {{ printed(labels, 'sjukfranvaro_kon_alder', 'alder_50') }}
        end as line,
        calendar_year,
        sick_percent
    from sick
),

final as (
    select
        report_table,
        line,
        cast(calendar_year as {{ dbt.type_string() }}) as period,
        {{ report_round('value', 1) }} as value,
        'percent' as unit
    from one_decimal
    {% for places, suffix in [(1, none), (2, 'tva_decimaler')] %}
        union all
        select
            report_table,
            line{% if suffix %} || ', ' || {{ printed(labels, 'sjukfranvaro_kon_alder', suffix) }}{% endif %},
            cast(calendar_year as {{ dbt.type_string() }}),
            {{ report_round('sick_percent', places) }},
            'percent'
        from by_sex_and_age
    {% endfor %}
)

select * from final
