{{ config(contract={'enforced': true}) }}

with cost_centres as (
    select * from {{ ref('cost_centres') }}
),

activities as (
    select * from {{ ref('activities') }}
),

final as (
    select
        cast(cost_centres.ansvar as {{ dbt.type_string() }}) as cost_centre_code,
        cast(cost_centres.ansvar_namn as {{ dbt.type_string() }}) as cost_centre_name,
        cast(cost_centres.verksamhetsomrade as {{ dbt.type_string() }}) as verksamhetsomrade,
        cast(cost_centres.division as {{ dbt.type_string() }}) as division,
        cast(cost_centres.namnd as {{ dbt.type_string() }}) as committee,
        cast(cost_centres.driftredovisning_rad as {{ dbt.type_string() }}) as operating_statement_unit,
        cast(cost_centres.verksamhet as {{ dbt.type_string() }}) as activity_code,
        cast(activities.verksamhet_namn as {{ dbt.type_string() }}) as activity_name
    from cost_centres
    left join activities on cost_centres.verksamhet = activities.verksamhet
)

select * from final
