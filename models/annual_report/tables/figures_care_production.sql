-- Care production as printed: visits and remote contacts by caregiver category and care type
-- (and their shares), visits by sex, inpatient episodes and operations, and the overview's
-- inhabitants (whom the care is for).
with contacts as (
    select
        calendar_year,
        case caregiver_category
            when 'Läkare' then 'Läkarbesök'
            else 'Besök övriga vårdgivarkategorier'
        end as category_line,
        case caregiver_category
            when 'Läkare' then 'Läkarbesök'
            else 'Övriga vårdgivarkategorier'
        end as category_label,
        care_type,
        case
            when care_type = 'Primärvård' and is_private then 'Primärvård privat'
            when care_type = 'Primärvård' then 'Primärvård egen regi'
            else care_type
        end as care_label,
        contact_form,
        sex,
        contacts
    from {{ ref('contacts_monthly') }}
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
    select * from {{ ref('admissions_monthly') }}
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
        category_line || ' | Summa',
        calendar_year,
        sum(contacts),
        'visits'
    from contacts
    group by category_line, calendar_year
    {% for line, value in [('Totalt antal besök', 'contacts'),
                           ('Varav distanskontakter', 'distance'),
                           ('Fysiska besök', 'contacts - distance')] %}
        union all
        select
            'vardproduktion_besok',
            '{{ line }}',
            calendar_year,
            {{ value }},
            'visits'
        from contact_years
    {% endfor %}
    union all
    select
        'vardproduktion_kon',
        category_label || ' | ' || care_label || ' | '
        || case contact_form when 'Fysisk' then 'Fysiska besök' else 'Distanskontakter' end
        || ' | ' || case sex when 'K' then 'Kvinnor' else 'Män' end,
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
        'Summa',
        calendar_year,
        sum(admissions),
        'admissions'
    from admissions
    group by calendar_year
    union all
    select
        'vardtillfallen',
        care_type || ' | ' || case sex when 'K' then 'Kvinnor' else 'Män' end,
        calendar_year,
        sum(admissions),
        'admissions'
    from admissions
    group by care_type, sex, calendar_year
    union all
    select
        'operationer',
        'Operationer (COP + EXT)',
        calendar_year,
        sum(operations),
        'operations'
    from operations
    group by calendar_year
    union all
    select
        'operationer',
        case sex when 'K' then 'Kvinnor' else 'Män' end,
        calendar_year,
        sum(operations),
        'operations'
    from operations
    group by sex, calendar_year
    union all
    select
        'operationer',
        'Förändring män',
        calendar_year,
        operations - lag(operations) over (order by calendar_year),
        'operations'
    from operations_of_men
    union all
    select
        'oversikt',
        'Invånare',
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
        'Andel av besök och distanskontakter | ' || by_type.care_type as line,
        by_type.calendar_year,
        {{ report_round('100.0 * by_type.contacts / years.contacts', 1) }} as value,
        'percent' as unit
    from contacts_by_type as by_type
    inner join contact_years as years on by_type.calendar_year = years.calendar_year
),

final as (
    select
        report_table,
        line,
        cast(calendar_year as varchar) as period,
        value,
        unit
    from counts
    union all
    select
        report_table,
        line,
        cast(calendar_year as varchar),
        value,
        unit
    from care_type_shares
)

select * from final
