{{ config(contract={'enforced': true}) }}

-- Hired staff per year and profession, and the change in cost from the year before (the
-- report prints it per profession). The change is a ratio: do not sum it.
with by_profession as (
    select
        fiscal_year,
        profession,
        sum(amount_sek) as amount_sek,
        sum(hours) as hours
    from {{ ref('hired_staff_yearly') }}
    group by fiscal_year, profession
),

with_year_before as (
    select
        fiscal_year,
        profession,
        amount_sek,
        hours,
        lag(amount_sek) over (partition by profession order by fiscal_year) as amount_before_sek,
        lag(fiscal_year) over (partition by profession order by fiscal_year) as year_before
    from by_profession
),

final as (
    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(profession as {{ dbt.type_string() }}) as profession,
        {{ sek('amount_sek') }} as amount_sek,
        cast(hours as double) as hours,
        -- Only against the calendar year just before: a gap in the invoices is no change.
        cast(case
            when year_before = fiscal_year - 1
                then {{ divide('100.0 * (amount_sek - amount_before_sek)', 'amount_before_sek') }}
        end as double) as cost_change_percent
    from with_year_before
)

select * from final
