{{ config(contract={'enforced': true}) }}

-- Net cost per inhabitant per activity area, as Kolada computes it from the region's
-- räkenskapssammandrag: the area's net cost (rs_net_cost_by_activity, external items only) plus
-- its share of the shared services' net cost (activity 300, by the key in seed
-- activities.shared_services_share), over the population on 31 December, in kronor.
-- Finance (400) stays outside the areas. Also the sum "hälso- och sjukvård exkl. tandvård"
-- (the activities flagged in seed activities: primary, somatic, psychiatric and other care and
-- pharmaceuticals). Every year the ledger covers, the report year too.
with net_cost as (
    select * from {{ ref('rs_net_cost_by_activity') }}
),

activities as (
    select * from {{ ref('stg_reference__activities') }}
),

population as (
    select
        calendar_year,
        sum(inhabitants) as inhabitants
    from {{ ref('population_yearly') }}
    group by calendar_year
),

shared_services as (
    select
        fiscal_year,
        sum(net_cost_sek) as net_cost_sek
    from net_cost
    where activity_code = '300'
    group by fiscal_year
),

receiving_areas as (
    select
        net_cost.fiscal_year,
        net_cost.activity_code as area_code,
        net_cost.activity as area,
        activities.is_health_care_excl_dental as is_in_health_care_sum,
        net_cost.net_cost_sek as own_net_cost_sek,
        round(coalesce(shared_services.net_cost_sek, 0) * activities.shared_services_share, 2)
            as shared_services_sek
    from net_cost
    inner join activities on net_cost.activity_code = activities.activity_code
    left join shared_services on net_cost.fiscal_year = shared_services.fiscal_year
    where activities.shared_services_share is not null
),

areas as (
    select
        fiscal_year,
        area_code,
        area,
        own_net_cost_sek,
        shared_services_sek
    from receiving_areas
    union all
    select
        fiscal_year,
        'hs_exkl_tandvard' as area_code,
        'Hälso- och sjukvård exkl. tandvård' as area,
        sum(own_net_cost_sek) as own_net_cost_sek,
        sum(shared_services_sek) as shared_services_sek
    from receiving_areas
    where is_in_health_care_sum
    group by fiscal_year
),

final as (
    select
        cast(areas.fiscal_year as integer) as fiscal_year,
        cast(areas.area_code as {{ dbt.type_string() }}) as area_code,
        cast(areas.area as {{ dbt.type_string() }}) as area,
        cast(areas.area_code = 'hs_exkl_tandvard' as boolean) as is_total,
        {{ sek('areas.own_net_cost_sek') }} as own_net_cost_sek,
        {{ sek('areas.shared_services_sek') }} as shared_services_sek,
        {{ sek('areas.own_net_cost_sek + areas.shared_services_sek') }} as net_cost_sek,
        cast(population.inhabitants as bigint) as inhabitants,
        {{ divide('areas.own_net_cost_sek + areas.shared_services_sek', 'population.inhabitants') }}
            as net_cost_per_inhabitant_kr
    from areas
    inner join population on areas.fiscal_year = population.calendar_year
)

select * from final
