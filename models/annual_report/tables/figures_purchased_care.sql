-- Purchased care (köp av verksamhet) by report group and category with its subtotals, patient
-- transport, and each hospital's share of the care bought outside the region.
{% set labels = report_labels(['kop_av_verksamhet']) %}
with categories as (
    select * from {{ ref('purchased_care_by_category') }}
),

purchased as (
    select * from categories
    where report_group_code in ('kopt_utomlansvard', 'kop_av_ovriga_tjanster')
),

amounts as (
    select
        'kop_av_verksamhet' as report_table,
        report_group || ' | ' || category as line,
        cast(fiscal_year as {{ dbt.type_string() }}) as period,
        cost_sek as amount_sek
    from purchased
    union all
    select
        'kop_av_verksamhet',
        report_group || ' | ' || {{ printed(labels, 'kop_av_verksamhet', 'summa') }},
        cast(fiscal_year as {{ dbt.type_string() }}),
        sum(cost_sek)
    from purchased
    group by fiscal_year, report_group
    union all
    select
        'kop_av_verksamhet',
        {{ printed(labels, 'kop_av_verksamhet', 'totalt') }},
        cast(fiscal_year as {{ dbt.type_string() }}),
        sum(cost_sek)
    from purchased
    group by fiscal_year
    union all
    select
        'sjukresor',
        category,
        cast(fiscal_year as {{ dbt.type_string() }}),
        cost_sek
    from categories
    where report_group_code = 'sjukresor'
),

money as (
    {{ figures_in_mnkr('amounts') }}
),

shares as (
    select
        'kopt_utomlansvard_per_sjukhus' as report_table,
        provider_name as line,
        cast(fiscal_year as {{ dbt.type_string() }}) as period,
        {{ report_round('share_percent', 0) }} as value,
        'percent of köpt utomlänsvård' as unit
    from {{ ref('purchased_care_provider_shares') }}
),

final as (
    select * from money
    union all
    select * from shares
)

select * from final
