{{ config(contract={'enforced': true}) }}

-- The hired-staff key ratios per year. Own staff's worked hours are the scheduled hours less
-- all absence plus overtime and additional hours from the payroll; FTEs are worked hours over
-- hours_per_fte. Hired-staff cost share: hired-staff cost over own personnel cost (the report's
-- line 'Egen personal': wages, employer contributions, other personnel costs). The report does
-- not publish its own denominator.
with absence as (
    select * from {{ ref('absence_yearly') }}
),

overtime as (
    select
        lines.fiscal_year,
        sum(lines.quantity_hours) as overtime_hours
    from {{ ref('stg_hr__payroll_lines') }} as lines
    inner join {{ ref('stg_reference__pay_types') }} as pay_types on lines.pay_type_code = pay_types.pay_type_code
    where pay_types.cost_type = 'Övertid och mertid'
    group by lines.fiscal_year
),

hired as (
    select
        fiscal_year,
        sum(hours) as hired_hours,
        sum(amount_sek) as hired_cost_sek
    from {{ ref('hired_staff_by_profession_yearly') }}
    group by fiscal_year
),

own_cost as (
    select
        fiscal_year,
        amount_sek as own_cost_sek
    from {{ ref('personnel_costs_yearly') }}
    where line_code = {{ report_line('personalkostnader', 'egen_personal') }}
),

yearly as (
    select
        absence.calendar_year as fiscal_year,
        absence.worked_hours + overtime.overtime_hours as own_worked_hours,
        hired.hired_hours,
        hired.hired_cost_sek,
        own_cost.own_cost_sek
    from absence
    inner join overtime on absence.calendar_year = overtime.fiscal_year
    inner join hired on absence.calendar_year = hired.fiscal_year
    inner join own_cost on absence.calendar_year = own_cost.fiscal_year
),

with_previous as (
    select
        *,
        lag(own_worked_hours) over (order by fiscal_year) as own_worked_hours_before,
        lag(hired_hours) over (order by fiscal_year) as hired_hours_before
    from yearly
),

final as (
    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(own_worked_hours as double) as own_worked_hours,
        cast(hired_hours as double) as hired_hours,
        cast({{ worked_fte('own_worked_hours') }} as double) as own_worked_fte,
        cast({{ worked_fte('hired_hours') }} as double) as hired_fte,
        {{ divide('100 * hired_cost_sek', 'own_cost_sek') }} as hired_cost_share_percent,
        100 * ({{ divide('hired_hours', 'hired_hours_before') }} - 1) as hired_hours_change_percent,
        cast({{ worked_fte('hired_hours - hired_hours_before') }} as double) as hired_fte_change,
        cast({{ worked_fte('own_worked_hours - own_worked_hours_before') }} as double)
            as own_fte_change,
        100 * ({{ divide('own_worked_hours + hired_hours', 'own_worked_hours_before + hired_hours_before') }} - 1)
            as total_worked_change_percent
    from with_previous
)

select * from final
