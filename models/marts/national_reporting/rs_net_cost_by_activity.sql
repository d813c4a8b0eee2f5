{{ config(contract={'enforced': true}) }}

-- Net cost per activity as the räkenskapssammandrag defines it: operating costs (depreciation
-- included) less operating income, external items only. Summed over the activities it is the
-- income statement's net cost (verksamhetens nettokostnad) with the sign turned: the dbt test
-- rs_ties_to_the_income_statement holds the two together.
with lines as (
    select * from {{ ref('rs_income_and_costs_by_activity') }}
),

final as (
    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(activity_code as {{ dbt.type_string() }}) as activity_code,
        cast(activity as {{ dbt.type_string() }}) as activity,
        cast(main_area as {{ dbt.type_string() }}) as main_area,
        {{ sek("coalesce(sum(amount_sek) filter (where rs_section = 'intakter'), 0)") }}
            as income_sek,
        {{ sek("coalesce(sum(amount_sek) filter (where rs_section = 'kostnader'), 0)") }}
            as costs_sek,
        {{ sek("coalesce(sum(amount_sek) filter (where rs_section = 'kostnader'), 0)"
               " - coalesce(sum(amount_sek) filter (where rs_section = 'intakter'), 0)") }}
            as net_cost_sek
    from lines
    group by fiscal_year, activity_code, activity, main_area
)

select * from final
