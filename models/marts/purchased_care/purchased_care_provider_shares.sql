{{ config(contract={'enforced': true}) }}

-- Each provider's share of the out-of-county care bought per year, with DRG points and the
-- price actually paid per point.
with lines as (
    select * from {{ ref('stg_invoices__lines') }}
),

categories as (
    select * from {{ ref('stg_reference__purchase_categories') }}
    where is_care_outside_county
),

providers as (
    select * from {{ ref('stg_reference__providers') }}
),

per_provider as (
    select
        lines.fiscal_year,
        lines.provider_id,
        sum(lines.amount_sek) as cost_sek,
        sum(lines.drg_points) as drg_points,
        sum(lines.amount_sek) filter (where lines.drg_points is not null) as drg_cost_sek
    from lines
    inner join categories on lines.category = categories.category
    group by lines.fiscal_year, lines.provider_id
),

final as (
    select
        cast(per_provider.fiscal_year as integer) as fiscal_year,
        cast(per_provider.provider_id as {{ dbt.type_string() }}) as provider_id,
        cast(providers.provider_name as {{ dbt.type_string() }}) as provider_name,
        {{ sek('per_provider.cost_sek') }} as cost_sek,
        {{ divide('100.0 * per_provider.cost_sek',
                  'sum(per_provider.cost_sek) over (partition by per_provider.fiscal_year)') }} as share_percent,
        cast(per_provider.drg_points as decimal(18, 4)) as drg_points,
        cast({{ divide('per_provider.drg_cost_sek', 'per_provider.drg_points') }} as decimal(18, 2)) as cost_per_drg_point_sek
    from per_provider
    left join providers on per_provider.provider_id = providers.provider_code
)

select * from final
