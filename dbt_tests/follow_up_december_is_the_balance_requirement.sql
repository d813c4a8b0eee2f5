-- The balance-requirement forecast's year so far after December is the balance requirement of
-- that year, line by line, to the öre. A row here is a line and year where they differ.
select
    forecast.fiscal_year,
    forecast.line_code,
    forecast.actual_ytd_sek,
    requirement.amount_sek as balance_requirement_sek
from {{ ref('balance_requirement_forecast') }} as forecast
left join {{ ref('balance_requirement') }} as requirement
    on
        forecast.fiscal_year = requirement.fiscal_year
        and forecast.line_code = requirement.line_code
where
    forecast.month_number = 12
    and (
        requirement.amount_sek is null
        or forecast.actual_ytd_sek <> requirement.amount_sek
    )
