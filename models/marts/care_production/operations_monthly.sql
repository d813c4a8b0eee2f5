{{ config(contract={'enforced': true}) }}

-- Operations per month, operating unit (COP central operating units, EXT external premises)
-- and sex.
with operations as (
    select * from {{ ref('stg_pas__operations') }}
),

final as (
    select
        cast(period as {{ dbt.type_string() }}) as period,
        cast(calendar_year as integer) as calendar_year,
        cast(operating_unit as {{ dbt.type_string() }}) as operating_unit,
        cast(sex as {{ dbt.type_string() }}) as sex,
        cast(count(*) as bigint) as operations
    from operations
    group by all
)

select * from final
