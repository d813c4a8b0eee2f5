-- The payroll journal and the staffing agencies' invoices against the ledger, per period, cost
-- centre and account: the ledger's personnel cost is the payroll, its hired-staff cost the
-- invoices. Which accounts each system books is kept in the seeds pay_types and
-- chart_of_accounts (personalkostnad_line_code inhyrd_personal, read through
-- stg_reference__accounts).
with payroll as (
    select
        'payroll' as source_system,
        period,
        cost_centre_code,
        account_code,
        sum(amount_sek) as source_sek
    from {{ ref('stg_hr__payroll_lines') }}
    group by all
),

staffing as (
    select
        'staffing invoices' as source_system,
        period,
        cost_centre_code,
        account_code,
        sum(amount_sek) as source_sek
    from {{ ref('stg_invoices__staffing_lines') }}
    group by all
),

sources as (
    select * from payroll
    union all
    select * from staffing
),

accounts as (
    select distinct
        'payroll' as source_system,
        account_code
    from {{ ref('stg_reference__pay_types') }}
    union all
    select
        'staffing invoices',
        account_code
    from {{ ref('stg_reference__accounts') }}
    where personnel_cost_line_code = {{ report_line('personalkostnader', 'inhyrd_personal') }}
),

ledger as (
    select
        accounts.source_system,
        monthly.period,
        monthly.cost_centre_code,
        monthly.account_code,
        sum(monthly.amount_sek) as ledger_sek
    from {{ ref('int_ledger_lines_aggregated_to_months') }} as monthly
    inner join accounts on monthly.account_code = accounts.account_code
    where monthly.fiscal_year in ({{ var('payroll_years') | join(', ') }})
    group by all
)

select
    coalesce(ledger.source_system, sources.source_system) as source_system,
    coalesce(ledger.period, sources.period) as period,
    coalesce(ledger.cost_centre_code, sources.cost_centre_code) as cost_centre_code,
    coalesce(ledger.account_code, sources.account_code) as account_code,
    {{ sek('coalesce(ledger.ledger_sek, 0)') }} as ledger_sek,
    {{ sek('coalesce(sources.source_sek, 0)') }} as source_sek,
    {{ sek('coalesce(ledger.ledger_sek, 0) - coalesce(sources.source_sek, 0)') }} as difference_sek
from ledger
full outer join sources
    on
        ledger.source_system = sources.source_system
        and ledger.period = sources.period
        and ledger.cost_centre_code = sources.cost_centre_code
        and ledger.account_code = sources.account_code
