-- The follow-up's organisation: every unit (cost centre) in its division, every division in
-- its committee, every committee in the region (seed cost_centres).
with cost_centres as (
    select * from {{ ref('stg_reference__cost_centres') }}
),

units as (
    select
        'unit' as level,
        cost_centre_code as unit_code,
        cost_centre_name as unit_name,
        division as parent_unit_code
    from cost_centres
),

divisions as (
    select distinct
        'division' as level,
        division as unit_code,
        division as unit_name,
        committee as parent_unit_code
    from cost_centres
),

committees as (
    select distinct
        'committee' as level,
        committee as unit_code,
        committee as unit_name,
        'region' as parent_unit_code
    from cost_centres
),

region as (
    select
        'region' as level,
        'region' as unit_code,
        'Regionen' as unit_name,
        cast(null as {{ dbt.type_string() }}) as parent_unit_code
)

select * from units
union all
select * from divisions
union all
select * from committees
union all
select * from region
