{{ config(contract={'enforced': true}) }}

-- Inhabitants on 31 December per year, municipality, sex and age group: the denominator of
-- every per-inhabitant measure.
with population as (
    select * from {{ ref('stg_statistik__population_counts') }}
),

final as (
    select
        cast(calendar_year as integer) as calendar_year,
        cast(municipality as {{ dbt.type_string() }}) as municipality,
        cast(sex as {{ dbt.type_string() }}) as sex,
        cast(age_group as {{ dbt.type_string() }}) as age_group,
        cast(inhabitants as bigint) as inhabitants
    from population
)

select * from final
