-- Employees per occupational group at each year end (every group, zero when empty),
-- permanent and temporary staff, the overview's headcount and FTEs, and staff turnover.
{% set labels = report_labels(['anstallda_per_yrkesgrupp', 'oversikt', 'personalomsattning']) %}
with year_end as (
    select
        cast(year(month_end) as {{ dbt.type_string() }}) as calendar_year,
        cast(month_end as {{ dbt.type_string() }}) as day,
        occupational_group,
        is_temporary,
        headcount,
        fte
    from {{ ref('headcount_monthly') }}
    where month(month_end) = 12
),

year_end_days as (
    select distinct day from year_end
),

occupational_groups as (
    select distinct occupation_group from {{ ref('stg_reference__occupations') }}
),

per_group as (
    select
        'anstallda_per_yrkesgrupp' as report_table,
        groups.occupation_group as line,
        days.day as period,
        coalesce(sum(heads.headcount), 0) as value,
        'persons' as unit
    from occupational_groups as groups
    cross join year_end_days as days
    left join year_end as heads
        on
            groups.occupation_group = heads.occupational_group
            and days.day = heads.day
    group by groups.occupation_group, days.day
),

totals as (
    {% for line, condition in [('summa', 'true'),
                               ('varav_tillfalligt_anstallda', 'is_temporary'),
                               ('tillsvidareanstallda', 'not is_temporary')] %}
        select
            'anstallda_per_yrkesgrupp' as report_table,
            {{ printed(labels, 'anstallda_per_yrkesgrupp', line) }} as line,
            day as period,
            sum(headcount) as value,
            'persons' as unit
        from year_end
        where {{ condition }}
        group by day
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

overview as (
    select
        'oversikt' as report_table,
        {{ printed(labels, 'oversikt', 'antal_anstallda') }} as line,
        calendar_year as period,
        sum(headcount) as value,
        'persons' as unit
    from year_end
    group by calendar_year
    union all
    select
        'oversikt',
        {{ printed(labels, 'oversikt', 'antal_arsarbetare') }},
        calendar_year,
        {{ report_round('sum(fte)', 0) }},
        'FTE'
    from year_end
    group by calendar_year
),

turnover as (
    {% for line, value, unit in [
        ('personalomsattning_tillsvidare', report_round('turnover_percent', 1), 'percent'),
        ('pensionsavgangar', report_round('retirement_percent', 0), 'percent'),
        ('avslutsenkat_utskick', 'left_for_other_employer', 'persons')] %}
        select
            'personalomsattning' as report_table,
            {{ printed(labels, 'personalomsattning', line) }} as line,
            cast(calendar_year as {{ dbt.type_string() }}) as period,
            {{ value }} as value,
            '{{ unit }}' as unit
        from {{ ref('turnover_yearly') }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select * from per_group
    union all
    select * from totals
    union all
    select * from overview
    union all
    select * from turnover
)

select * from final
