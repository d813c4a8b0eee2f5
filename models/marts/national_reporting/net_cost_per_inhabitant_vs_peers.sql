{{ config(contract={'enforced': true}) }}

-- The home region's net cost per inhabitant per activity area beside Kolada's: the same figure
-- as Kolada publishes it for the home region, the country, and the peers of similar size
-- (seed kolada_regions), their average unweighted as Kolada averages a group. One row per year
-- and area that Kolada has values for; empty until `norrlager kolada` has loaded a fetch.
with kolada as (
    select * from {{ ref('stg_kolada__values') }}
),

regions as (
    select * from {{ ref('kolada_regions') }}
),

own as (
    select * from {{ ref('net_cost_per_inhabitant_by_activity') }}
),

by_area as (
    select
        kolada.calendar_year,
        kolada.area_code,
        max(case when regions.is_home_region then kolada.kolada_value end) as home_kolada_kr,
        max(case when regions.is_country then kolada.kolada_value end) as country_kr,
        avg(case when regions.is_peer then kolada.kolada_value end) as peer_average_kr,
        min(case when regions.is_peer then kolada.kolada_value end) as peer_lowest_kr,
        max(case when regions.is_peer then kolada.kolada_value end) as peer_highest_kr,
        count(case when regions.is_peer then kolada.kolada_value end) as peers_reporting
    from kolada
    inner join regions on kolada.kolada_region_id = regions.kolada_id
    where kolada.area_code <> 'invanare'
    group by kolada.calendar_year, kolada.area_code
),

final as (
    select
        cast(by_area.calendar_year as integer) as fiscal_year,
        cast(by_area.area_code as {{ dbt.type_string() }}) as area_code,
        cast(own.area as {{ dbt.type_string() }}) as area,
        cast(own.net_cost_per_inhabitant_kr as double) as own_kr,
        cast(by_area.home_kolada_kr as double) as home_kolada_kr,
        cast(by_area.country_kr as double) as country_kr,
        cast(by_area.peer_average_kr as double) as peer_average_kr,
        cast(by_area.peer_lowest_kr as double) as peer_lowest_kr,
        cast(by_area.peer_highest_kr as double) as peer_highest_kr,
        cast(by_area.peers_reporting as integer) as peers_reporting,
        {{ divide('100 * (own.net_cost_per_inhabitant_kr - by_area.country_kr)',
                  'by_area.country_kr') }} as own_vs_country_percent
    from by_area
    left join own
        on
            by_area.calendar_year = own.fiscal_year
            and by_area.area_code = own.area_code
)

select * from final
