-- Accessibility (telephone, medical assessment, the care guarantee's waits) and the care goal
-- measures. The report prints the report year's accessibility
-- with one decimal and earlier years and the splits by sex as whole percent.
{% set report_year = var('report_year') %}
{% set labels = report_labels(['tillganglighet', 'styrmatt_vard']) %}
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
        kinds.report_line
    from {{ ref('waiting_times_yearly') }} as waits
    inner join {{ ref('stg_reference__waiting_kinds') }} as kinds on waits.waiting_kind = kinds.waiting_kind
),

goals as (
    select * from {{ ref('care_goal_measures_yearly') }}
),

accessibility as (
    {% for line, column, places in [
        ('telefon_samma_dag_snitt', 'same_day_percent', '1'),
        ('kontakt_samma_dag_december', 'december_same_day_percent', '1'),
        ('kontakt_samma_dag_ackumulerat', 'same_day_percent', '1'),
        ('bedomning_3_dagar_snitt', 'within_3_days_percent',
         'case when calendar_year = ' ~ report_year ~ ' then 1 else 0 end'),
        ('bedomning_3_dagar_december', 'december_within_3_days_percent', '0')] %}
        select
            'tillganglighet' as report_table,
            {{ printed(labels, 'tillganglighet', line) }} as line,
            calendar_year,
            {{ report_round(column, places) }} as value,
            'percent' as unit
        from access
        where sex = 'Alla'
        union all
    {% endfor %}
    select
        'tillganglighet',
        {{ printed(labels, 'tillganglighet', 'bedomning_3_dagar') }} || ' | '
        || {{ printed_sex(labels, 'tillganglighet', 'sex') }},
        calendar_year,
        {{ report_round('within_3_days_percent', 0) }},
        'percent'
    from access
    where sex <> 'Alla'
    union all
    select
        'tillganglighet',
        report_line || ' | ' || {{ printed(labels, 'tillganglighet', 'december') }},
        calendar_year,
        {{ report_round('december_percent',
                        'case when calendar_year = ' ~ report_year ~ ' then 1 else 0 end') }},
        'percent'
    from waits
    where sex = 'Alla'
    union all
    select
        'tillganglighet',
        report_line || ' | ' || {{ printed(labels, 'tillganglighet', 'ackumulerat') }},
        calendar_year,
        {{ report_round('accumulated_percent', 1) }},
        'percent'
    from waits
    where sex = 'Alla'
    union all
    select
        'tillganglighet',
        report_line || ' | '
        || case
            when waiting_kind like 'BUP%'
                then {{ printed_sex(labels, 'tillganglighet', 'sex', 'flickor', 'pojkar') }}
            else {{ printed_sex(labels, 'tillganglighet', 'sex') }}
        end || ' ' || {{ printed(labels, 'tillganglighet', 'december') }},
        calendar_year,
        {{ report_round('december_percent', 0) }},
        'percent'
    from waits
    where sex <> 'Alla'
),

goal_measures as (
    {% for line, column, places, unit in [
        ('kontakter_filialer_servicepunkter', 'branch_contacts', 0, 'contacts'),
        ('andel_digitala_besok', 'digital_percent', 0, 'percent'),
        ('akutbesok_80_ar', 'emergency_visits_80', 0, 'visits'),
        ('fraga_om_vald', 'patients_asked_about_violence', 0, 'patients'),
        ('aterinskrivningar_65_ar', 'readmitted_65_percent', 1, 'percent'),
        ('utskrivningsklar_over_1_dygn', 'ready_over_1_day_percent', 0, 'percent'),
        ('lakemedelsberattelse_75_ar', 'drug_review_percent', 0, 'percent'),
        ('andel_vardskador', 'care_injury_percent', 1, 'percent'),
        ('digitalen_arenden', 'digitalen_cases', 0, 'cases'),
        ('antibiotikarecept', 'antibiotic_prescriptions_per_1000', 0, 'prescriptions per 1000'),
        ('uppfattning_tillgang', 'access_perception_percent', 0, 'percent')] %}
        select
            'styrmatt_vard' as report_table,
            {{ printed(labels, 'styrmatt_vard', line) }}
            || case
                when sex in ('K', 'M')
                    then ' | ' || {{ printed_sex(labels, 'styrmatt_vard', 'sex') }}
                else ''
            end as line,
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
        cast(calendar_year as {{ dbt.type_string() }}) as period,
        value,
        unit
    from all_measures
)

select * from final
