with source as (
    select * from {{ ref('cost_centres') }}
),

renamed as (
    select
        ansvar as cost_centre_code,
        ansvar_namn as cost_centre_name,
        verksamhetsomrade as operational_area,
        division,
        ar_division as is_division,
        namnd as committee,
        driftredovisning_rad as operating_statement_unit,
        enhetsgrupp as unit_group,
        verksamhet as activity_code
    from source
)

select * from renamed
