-- Net cost per division for the latest budget year: actual, budget and deviation in mnkr.
select
    division,
    round(actual_sek / 1e6, 1) as actual_mnkr,
    round(budget_sek / 1e6, 1) as budget_mnkr,
    round(deviation_sek / 1e6, 1) as deviation_mnkr
from {{ ref('net_cost_by_division') }}
where
    fiscal_year = (
        select max(budget_years.fiscal_year) from {{ ref('net_cost_by_division') }} as budget_years
        where budget_years.budget_sek is not null
    )
order by deviation_sek
