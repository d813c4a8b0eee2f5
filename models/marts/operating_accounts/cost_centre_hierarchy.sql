{{ config(contract={'enforced': true}) }}

with cost_centres as (
    select * from {{ ref('stg_reference__cost_centres') }}
),

activities as (
    select * from {{ ref('stg_reference__activities') }}
),

final as (
    select
        cast(cost_centres.cost_centre_code as {{ dbt.type_string() }}) as cost_centre_code,
        cast(cost_centres.cost_centre_name as {{ dbt.type_string() }}) as cost_centre_name,
        cast(cost_centres.operational_area as {{ dbt.type_string() }}) as operational_area,
        -- The old Swedish name, kept for one release (CHANGELOG.md): use operational_area.
        cast(cost_centres.operational_area as {{ dbt.type_string() }}) as verksamhetsomrade,
        cast(cost_centres.division as {{ dbt.type_string() }}) as division,
        cast(cost_centres.committee as {{ dbt.type_string() }}) as committee,
        cast(cost_centres.operating_statement_unit as {{ dbt.type_string() }}) as operating_statement_unit,
        cast(cost_centres.activity_code as {{ dbt.type_string() }}) as activity_code,
        cast(activities.activity_name as {{ dbt.type_string() }}) as activity_name
    from cost_centres
    left join activities on cost_centres.activity_code = activities.activity_code
)

select * from final
