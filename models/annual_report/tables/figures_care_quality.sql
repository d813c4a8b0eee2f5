-- Accessibility (telephone, medical assessment, the care guarantee's waits) and the care goal
-- measures. The report prints the report year's accessibility
-- with one decimal and earlier years and the splits by sex as whole percent.
{% set report_year = var('report_year') %}
with access as (
    select * from {{ ref('accessibility_yearly') }}
),

waits as (
    select
        waits.calendar_year,
        waits.waiting_kind,
        waits.sex,
        waits.december_percent,
        waits.accumulated_percent,
        kinds.rapportrad
    from {{ ref('waiting_times_yearly') }} as waits
    inner join {{ ref('waiting_kinds') }} as kinds on waits.waiting_kind = kinds.vantetyp
),

goals as (
    select * from {{ ref('care_goal_measures_yearly') }}
),

accessibility as (
    {% for line, column, places in [
        ('Telefontillgänglighet primärvård samma dag, snitt för året', 'same_day_percent', '1'),
        ('Andel som får kontakt med hälsocentralen via telefon eller digitalt samma dag'
         ~ ' | utfall december', 'december_same_day_percent', '1'),
        ('Andel som får kontakt med hälsocentralen via telefon eller digitalt samma dag'
         ~ ' | utfall ackumulerat', 'same_day_percent', '1'),
        ('Medicinsk bedömning i primärvård inom 3 dagar | snitt för året', 'within_3_days_percent',
         'case when calendar_year = ' ~ report_year ~ ' then 1 else 0 end'),
        ('Medicinsk bedömning i primärvård inom 3 dagar | utfall december',
         'december_within_3_days_percent', '0')] %}
        select
            'tillganglighet' as report_table,
            '{{ line }}' as line,
            calendar_year,
            {{ report_round(column, places) }} as value,
            'percent' as unit
        from access
        where sex = 'Alla'
        union all
    {% endfor %}
    select
        'tillganglighet',
        'Medicinsk bedömning i primärvård inom 3 dagar | '
        || case sex when 'K' then 'Kvinnor' else 'Män' end,
        calendar_year,
        {{ report_round('within_3_days_percent', 0) }},
        'percent'
    from access
    where sex <> 'Alla'
    union all
    select
        'tillganglighet',
        rapportrad || ' | december',
        calendar_year,
        {{ report_round('december_percent',
                        'case when calendar_year = ' ~ report_year ~ ' then 1 else 0 end') }},
        'percent'
    from waits
    where sex = 'Alla'
    union all
    select
        'tillganglighet',
        rapportrad || ' | ackumulerat',
        calendar_year,
        {{ report_round('accumulated_percent', 1) }},
        'percent'
    from waits
    where sex = 'Alla'
    union all
    select
        'tillganglighet',
        rapportrad || ' | '
        || case
            when waiting_kind like 'BUP%' and sex = 'K' then 'Flickor'
            when waiting_kind like 'BUP%' then 'Pojkar'
            when sex = 'K' then 'Kvinnor'
            else 'Män'
        end || ' december',
        calendar_year,
        {{ report_round('december_percent', 0) }},
        'percent'
    from waits
    where sex <> 'Alla'
),

goal_measures as (
    {% for line, column, places, unit in [
        ('Antal vårdkontakter på filialer och servicepunkter', 'branch_contacts', 0, 'contacts'),
        ('Andel digitala vårdbesök av totala besök', 'digital_percent', 0, 'percent'),
        ('Antal besök 80 år och äldre på akutmottagning', 'emergency_visits_80', 0, 'visits'),
        ('Antal patienter som fått fråga om våld i nära relation',
         'patients_asked_about_violence', 0, 'patients'),
        ('Oplanerade återinskrivningar inom 30 dagar 65 år eller äldre', 'readmitted_65_percent',
         1, 'percent'),
        ('Andel vårdtillfällen där patienten varit utskrivningsklar mer än 1 dygn',
         'ready_over_1_day_percent', 0, 'percent'),
        ('Läkemedelsberättelse 75 år och äldre med fler än 5 läkemedel', 'drug_review_percent', 0,
         'percent'),
        ('Andel vårdskador sluten somatisk vård', 'care_injury_percent', 1, 'percent'),
        ('Antal slutförda ärenden (triage) på Digitalen', 'digitalen_cases', 0, 'cases'),
        ('Antibiotikarecept per tusen invånare', 'antibiotic_prescriptions_per_1000', 0,
         'prescriptions per 1000'),
        ('Invånarnas uppfattning om tillgång till vård', 'access_perception_percent', 0,
         'percent')] %}
        select
            'styrmatt_vard' as report_table,
            '{{ line }}'
            || case sex when 'K' then ' | Kvinnor' when 'M' then ' | Män' else '' end as line,
            calendar_year,
            {{ report_round(column, places) }} as value,
            '{{ unit }}' as unit
        from goals
        where {{ column }} is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

all_measures as (
    select * from accessibility
    union all
    select * from goal_measures
),

final as (
    select
        report_table,
        line,
        cast(calendar_year as varchar) as period,
        value,
        unit
    from all_measures
)

select * from final
