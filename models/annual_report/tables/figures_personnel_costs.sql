-- Personnel costs by cost line, hired staff (inhyrd personal) per care area and per
-- profession, and its change year on year.
{% set labels = report_labels(['personalkostnader', 'inhyrd_personal_per_vardomrade',
                               'inhyrd_personal_per_yrke']) %}
with hired as (
    select * from {{ ref('hired_staff_yearly') }}
),

care_areas as (
    select distinct
        care_area,
        care_area_short
    from {{ ref('stg_reference__activities') }}
    where care_area is not null
),

amounts as (
    select
        'personalkostnader' as report_table,
        cost_line as line,
        cast(fiscal_year as {{ dbt.type_string() }}) as period,
        amount_sek
    from {{ ref('personnel_costs_yearly') }}
    union all
    select
        'personalkostnader',
        {{ printed(labels, 'personalkostnader', 'summa') }},
        cast(fiscal_year as {{ dbt.type_string() }}),
        sum(amount_sek)
    from {{ ref('personnel_costs_yearly') }}
    group by fiscal_year
    union all
    select
        'inhyrd_personal_per_vardomrade',
        care_area,
        cast(fiscal_year as {{ dbt.type_string() }}),
        sum(amount_sek)
    from hired
    group by care_area, fiscal_year
    union all
    select
        'inhyrd_personal_per_vardomrade',
        {{ printed(labels, 'inhyrd_personal_per_vardomrade', 'summa') }},
        cast(fiscal_year as {{ dbt.type_string() }}),
        sum(amount_sek)
    from hired
    group by fiscal_year
    union all
    select
        'inhyrd_personal_per_yrke',
        hired.profession || ' | ' || areas.care_area_short,
        cast(hired.fiscal_year as {{ dbt.type_string() }}),
        sum(hired.amount_sek)
    from hired
    inner join care_areas as areas
        on hired.care_area = areas.care_area
    group by hired.profession, areas.care_area_short, hired.fiscal_year
    union all
    select
        'inhyrd_personal_per_yrke',
        profession || ' | ' || {{ printed(labels, 'inhyrd_personal_per_yrke', 'totalt') }},
        cast(fiscal_year as {{ dbt.type_string() }}),
        sum(amount_sek)
    from hired
    group by profession, fiscal_year
),

money as (
    {{ figures_in_mnkr('amounts') }}
),

changes as (
    select
        'inhyrd_personal_per_yrke' as report_table,
        profession || ' | ' || {{ printed(labels, 'inhyrd_personal_per_yrke', 'forandring') }}
        || ' ' || fiscal_year || '-' || (fiscal_year - 1) as line,
        cast(fiscal_year as {{ dbt.type_string() }}) as period,
        {{ report_round('cost_change_percent', 0) }} as value,
        'percent' as unit
    from {{ ref('hired_staff_by_profession_yearly') }}
    where cost_change_percent is not null
),

final as (
    select * from money
    union all
    select * from changes
)

select * from final
