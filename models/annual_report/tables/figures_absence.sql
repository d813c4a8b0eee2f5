-- Worked time and absence as shares of scheduled time, sick leave by spell length, and sick
-- leave by sex and age band (printed with one and with two decimals).
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
    {% for line, column in [('Arbetad tid (basbemanning)', 'worked_percent'),
                            ('Sjukfrånvaro', 'sick_percent'),
                            ('Semester, föräldraledighet, övrig frånvaro', 'other_absence_percent'),
                            ('Föräldraledighet', 'parental_percent'),
                            ('Semesteruttag', 'vacation_percent')] %}
        select
            'arbetad_tid_och_franvaro' as report_table,
            '{{ line }}' as line,
            calendar_year,
            {{ column }} as value
        from absence
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

by_interval as (
    {% for line, column in [
        ('1–14 dagar', 'percent_1_14'),
        ('15–59 dagar', 'percent_15_59'),
        ('60–90 dagar', 'percent_60_90'),
        ('91- dagar', 'percent_91_plus'),
        ('Lång sjukfrånvaro (dag 15-) andel av total sjukfrånvaro', 'long_term_share_15_percent'),
        ('Kort sjukfrånvaro (1–14 dagar) andel av total sjukfrånvaro',
         'short_term_share_percent'),
        ('Total sjukfrånvaro', 'sick_percent')] %}
        select
            'sjukfranvaro_intervall' as report_table,
            '{{ line }}' as line,
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
        'Total sjukfrånvaro',
        calendar_year,
        sick_percent
    from sick_all
),

by_sex_and_age as (
    select
        'sjukfranvaro_kon_alder' as report_table,
        case breakdown
            when 'all' then 'Sjukfrånvaro total'
            when 'sex'
                then case breakdown_value
                    when 'K' then 'Sjukfrånvaro kvinnor'
                    else 'Sjukfrånvaro män'
                end
            else 'Sjukfrånvaro ' || replace(replace(replace(
                breakdown_value,
                '-29', '–29'
            ), '30-49', '30–49'), '50-', '50–') || ' år'
        end as line,
        calendar_year,
        sick_percent
    from sick
),

final as (
    select
        report_table,
        line,
        cast(calendar_year as varchar) as period,
        {{ report_round('value', 1) }} as value,
        'percent' as unit
    from one_decimal
    {% for places, suffix in [(1, ''), (2, ', två decimaler')] %}
        union all
        select
            report_table,
            line || '{{ suffix }}',
            cast(calendar_year as varchar),
            {{ report_round('sick_percent', places) }},
            'percent'
        from by_sex_and_age
    {% endfor %}
)

select * from final
