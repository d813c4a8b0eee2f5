-- Net operating cost per division and month against the budget (SEK): what a controller
-- follows during the year. Internal trade is included, as in the division table.
with operating_accounts as (
    select account_code from {{ ref('accounts') }}
    where account_type in ('verksamhetens_intakt', 'verksamhetens_kostnad', 'avskrivning')
),

actual as (
    select
        ledger.period,
        cost_centres.division,
        sum(-ledger.amount_sek) as actual_sek
    from {{ ref('ledger_monthly') }} as ledger
    inner join operating_accounts on ledger.account_code = operating_accounts.account_code
    inner join {{ ref('cost_centre_hierarchy') }} as cost_centres
        on ledger.cost_centre_code = cost_centres.cost_centre_code
    group by ledger.period, cost_centres.division
),

budget as (
    select
        budget.period,
        cost_centres.division,
        sum(-budget.amount_sek) as budget_sek
    from {{ ref('budget_monthly') }} as budget
    inner join operating_accounts on budget.account_code = operating_accounts.account_code
    inner join {{ ref('cost_centre_hierarchy') }} as cost_centres
        on budget.cost_centre_code = cost_centres.cost_centre_code
    group by budget.period, cost_centres.division
)

select
    actual.period,
    actual.division,
    actual.actual_sek,
    budget.budget_sek,
    actual.actual_sek - budget.budget_sek as deviation_sek
from actual
inner join budget on actual.period = budget.period and actual.division = budget.division
order by actual.period, actual.division
