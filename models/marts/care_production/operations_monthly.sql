{{ config(contract={'enforced': true}) }}

-- Operations per month, operating unit (COP central operating units, EXT external premises)
-- and sex.
with operations as (
    select * from {{ ref('stg_pas__operations') }}
),

final as (
    select
        cast(period as varchar) as period,
        cast(calendar_year as integer) as calendar_year,
        cast(operating_unit as varchar) as operating_unit,
        cast(sex as varchar) as sex,
        cast(count(*) as bigint) as operations
    from operations
    group by all
)

select * from final
