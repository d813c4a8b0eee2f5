-- Care production as printed: visits and remote contacts by caregiver category and care type
-- (and their shares), visits by sex, inpatient episodes and operations, and the overview's
-- inhabitants (whom the care is for).
{% set t = ['vardproduktion_besok', 'vardproduktion_kon', 'vardtillfallen', 'operationer',
            'oversikt'] %}
{% set labels = report_labels(t) %}
with contacts as (
    select
        calendar_year,
        case caregiver_category
            when 'Läkare' then {{ printed(labels, 'vardproduktion_besok', 'lakarbesok') }}
            else {{ printed(labels, 'vardproduktion_besok', 'ovriga_besok') }}
        end as category_line,
        case caregiver_category
            when 'Läkare' then {{ printed(labels, 'vardproduktion_kon', 'lakarbesok') }}
            else {{ printed(labels, 'vardproduktion_kon', 'ovriga_vardgivarkategorier') }}
        end as category_label,
        care_type,
        case
            when care_type = 'Primärvård' and is_private
                then {{ printed(labels, 'vardproduktion_kon', 'primarvard_privat') }}
            when care_type = 'Primärvård'
                then {{ printed(labels, 'vardproduktion_kon', 'primarvard_egen_regi') }}
            else care_type
        end as care_label,
        contact_form,
        sex,
        contacts
    from {{ ref('int_contacts_counted_monthly') }}
),

contact_years as (
    select
        calendar_year,
        sum(contacts) as contacts,
        sum(case when contact_form = 'Distans' then contacts else 0 end) as distance
    from contacts
    group by calendar_year
),

admissions as (
    select * from {{ ref('int_admissions_counted_monthly') }}
),

operations as (
    select * from {{ ref('operations_monthly') }}
),

operations_of_men as (
    select
        calendar_year,
        sum(operations) as operations
    from operations
    where sex = 'M'
    group by calendar_year
),

counts as (
    select
        'vardproduktion_besok' as report_table,
        category_line || ' | ' || care_type as line,
        calendar_year,
        sum(contacts) as value,
        'visits' as unit
    from contacts
    group by category_line, care_type, calendar_year
    union all
    select
        'vardproduktion_besok',
        category_line || ' | ' || {{ printed(labels, 'vardproduktion_besok', 'summa') }},
        calendar_year,
        sum(contacts),
        'visits'
    from contacts
    group by category_line, calendar_year
    {% for line, value in [('totalt_antal_besok', 'contacts'),
                           ('varav_distanskontakter', 'distance'),
                           ('fysiska_besok', 'contacts - distance')] %}
        union all
        select
            'vardproduktion_besok',
            {{ printed(labels, 'vardproduktion_besok', line) }},
            calendar_year,
            {{ value }},
            'visits'
        from contact_years
    {% endfor %}
    union all
    select
        'vardproduktion_kon',
        category_label || ' | ' || care_label || ' | '
        || case contact_form
            when 'Fysisk' then {{ printed(labels, 'vardproduktion_kon', 'fysiska_besok') }}
            else {{ printed(labels, 'vardproduktion_kon', 'distanskontakter') }}
        end
        || ' | ' || {{ printed_sex(labels, 'vardproduktion_kon', 'sex') }},
        calendar_year,
        sum(contacts),
        'visits'
    from contacts
    group by category_label, care_label, contact_form, sex, calendar_year
    union all
    select
        'vardtillfallen',
        care_type,
        calendar_year,
        sum(admissions),
        'admissions'
    from admissions
    group by care_type, calendar_year
    union all
    select
        'vardtillfallen',
        {{ printed(labels, 'vardtillfallen', 'summa') }},
        calendar_year,
        sum(admissions),
        'admissions'
    from admissions
    group by calendar_year
    union all
    select
        'vardtillfallen',
        care_type || ' | ' || {{ printed_sex(labels, 'vardtillfallen', 'sex') }},
        calendar_year,
        sum(admissions),
        'admissions'
    from admissions
    group by care_type, sex, calendar_year
    union all
    select
        'operationer',
        {{ printed(labels, 'operationer', 'operationer') }},
        calendar_year,
        sum(operations),
        'operations'
    from operations
    group by calendar_year
    union all
    select
        'operationer',
        {{ printed_sex(labels, 'operationer', 'sex') }},
        calendar_year,
        sum(operations),
        'operations'
    from operations
    group by sex, calendar_year
    union all
    select
        'operationer',
        {{ printed(labels, 'operationer', 'forandring_man') }},
        calendar_year,
        operations - lag(operations) over (order by calendar_year),
        'operations'
    from operations_of_men
    union all
    select
        'oversikt',
        {{ printed(labels, 'oversikt', 'invanare') }},
        calendar_year,
        sum(inhabitants),
        'persons'
    from {{ ref('population_yearly') }}
    group by calendar_year
),

contacts_by_type as (
    select
        calendar_year,
        care_type,
        sum(contacts) as contacts
    from contacts
    group by calendar_year, care_type
),

care_type_shares as (
    select
        'vardproduktion_besok' as report_table,
        {{ printed(labels, 'vardproduktion_besok', 'andel') }} || ' | ' || by_type.care_type as line,
        by_type.calendar_year,
        {{ report_round(divide('100.0 * by_type.contacts', 'years.contacts'), 1) }} as value,
        'percent' as unit
    from contacts_by_type as by_type
    inner join contact_years as years on by_type.calendar_year = years.calendar_year
),

final as (
    select
        report_table,
        line,
        cast(calendar_year as {{ dbt.type_string() }}) as period,
        value,
        unit
    from counts
    union all
    select
        report_table,
        line,
        cast(calendar_year as {{ dbt.type_string() }}),
        value,
        unit
    from care_type_shares
)

select * from final
