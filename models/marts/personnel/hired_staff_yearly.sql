{{ config(contract={'enforced': true}) }}

-- Hired staff (inhyrd personal) per year, care area and profession: cost, hours and the hours
-- as full-time equivalents of worked time.
with lines as (
    select * from {{ ref('stg_invoices__staffing_lines') }}
),

final as (
    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(care_area as {{ dbt.type_string() }}) as care_area,
        cast(profession as {{ dbt.type_string() }}) as profession,
        {{ sek('sum(amount_sek)') }} as amount_sek,
        cast(sum(hours) as double) as hours,
        cast({{ worked_fte('sum(hours)') }} as double) as fte
    from lines
    group by all
)

select * from final
