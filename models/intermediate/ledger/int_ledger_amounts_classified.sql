-- Actuals and budget side by side, each amount classified by account, unit and counterparty.
with actuals as (
    select
        'utfall' as scenario,
        fiscal_year,
        period,
        account_code,
        cost_centre_code,
        activity_code,
        counterparty_code,
        amount_sek
    from {{ ref('int_ledger_lines_aggregated_to_months') }}
),

budget as (
    select
        'budget' as scenario,
        budget_year as fiscal_year,
        period,
        account_code,
        cost_centre_code,
        activity_code,
        counterparty_code,
        amount_sek
    from {{ ref('stg_ledger__budget_lines') }}
),

amounts as (
    select * from actuals
    union all
    select * from budget
),

accounts as (
    select * from {{ ref('stg_reference__accounts') }}
),

cost_centres as (
    select * from {{ ref('stg_reference__cost_centres') }}
),

counterparties as (
    select * from {{ ref('stg_reference__counterparties') }}
),

classified as (
    select
        amounts.scenario,
        amounts.fiscal_year,
        amounts.period,
        amounts.account_code,
        amounts.cost_centre_code,
        amounts.activity_code,
        amounts.counterparty_code,
        amounts.amount_sek,
        {{ income_statement_sign('amounts.amount_sek') }} as report_amount_sek,
        accounts.account_type,
        accounts.income_statement_line_code,
        accounts.note_table,
        accounts.note_line_code,
        accounts.by_type_table,
        accounts.by_type_line_code,
        accounts.balance_requirement_line_code,
        accounts.rs_line_code,
        accounts.account_type in (
            'verksamhetens_intakt', 'verksamhetens_kostnad', 'avskrivning'
        ) as is_operating,
        accounts.account_type = 'verksamhetens_intakt' as is_operating_revenue,
        cost_centres.division,
        cost_centres.committee,
        cost_centres.operating_statement_unit,
        coalesce(counterparties.is_internal, false) as is_internal,
        counterparties.rs_counterparty_type as counterparty_type
    from amounts
    inner join accounts on amounts.account_code = accounts.account_code
    inner join cost_centres on amounts.cost_centre_code = cost_centres.cost_centre_code
    left join counterparties on amounts.counterparty_code = counterparties.counterparty_code
)

select * from classified
