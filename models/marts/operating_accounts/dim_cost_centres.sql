{{ config(contract={'enforced': true}) }}

with cost_centres as (
    select * from {{ ref('cost_centres') }}
),

activities as (
    select * from {{ ref('activities') }}
),

final as (
    select
        cast(cost_centres.ansvar as varchar) as cost_centre_code,
        cast(cost_centres.ansvar_namn as varchar) as cost_centre_name,
        cast(cost_centres.verksamhetsomrade as varchar) as verksamhetsomrade,
        cast(cost_centres.division as varchar) as division,
        cast(cost_centres.namnd as varchar) as committee,
        cast(cost_centres.driftredovisning_rad as varchar) as operating_statement_unit,
        cast(cost_centres.verksamhet as varchar) as activity_code,
        cast(activities.verksamhet_namn as varchar) as activity_name
    from cost_centres
    left join activities on cost_centres.verksamhet = activities.verksamhet
)

select * from final
