{{ config(contract={'enforced': true}) }}

-- Net cost per inhabitant per activity area, as Kolada computes it from the region's
-- räkenskapssammandrag: the area's net cost (rs_net_cost_by_activity) over the population on
-- 31 December, in kronor. Also the sum "hälso- och sjukvård exkl. tandvård" (the activities
-- flagged in seed activities: primary, somatic, psychiatric and other care and
-- pharmaceuticals, without dental care and political activity). Every year the ledger covers,
-- the report year too.
with net_cost as (
    select * from {{ ref('rs_net_cost_by_activity') }}
),

activities as (
    select * from {{ ref('activities') }}
),

population as (
    select
        calendar_year,
        sum(inhabitants) as inhabitants
    from {{ ref('population_yearly') }}
    group by calendar_year
),

areas as (
    select
        net_cost.fiscal_year,
        net_cost.activity_code as area_code,
        net_cost.activity as area,
        net_cost.net_cost_sek
    from net_cost
    union all
    select
        net_cost.fiscal_year,
        'hs_exkl_tandvard' as area_code,
        'Summa hälso- och sjukvård exkl. tandvård' as area,
        sum(net_cost.net_cost_sek) as net_cost_sek
    from net_cost
    inner join activities on net_cost.activity_code = activities.verksamhet
    where activities.ar_halso_och_sjukvard_exkl_tandvard
    group by net_cost.fiscal_year
),

final as (
    select
        cast(areas.fiscal_year as integer) as fiscal_year,
        cast(areas.area_code as {{ dbt.type_string() }}) as area_code,
        cast(areas.area as {{ dbt.type_string() }}) as area,
        cast(areas.area_code = 'hs_exkl_tandvard' as boolean) as is_total,
        {{ sek('areas.net_cost_sek') }} as net_cost_sek,
        cast(population.inhabitants as bigint) as inhabitants,
        {{ divide('areas.net_cost_sek', 'population.inhabitants') }} as net_cost_per_inhabitant_kr
    from areas
    inner join population on areas.fiscal_year = population.calendar_year
)

select * from final
