-- Net operating cost per division and month (SEK), internal trade included as in the division
-- table: what a controller follows during the year.
select
    ledger.period,
    cost_centres.division,
    sum(-ledger.amount_sek) as net_sek
from {{ ref('fct_ledger_monthly') }} as ledger
inner join {{ ref('dim_cost_centres') }} as cost_centres
    on ledger.cost_centre_code = cost_centres.cost_centre_code
inner join {{ ref('dim_accounts') }} as accounts
    on ledger.account_code = accounts.account_code
where accounts.account_type in ('verksamhetens_intakt', 'verksamhetens_kostnad', 'avskrivning')
group by ledger.period, cost_centres.division
order by ledger.period, cost_centres.division
