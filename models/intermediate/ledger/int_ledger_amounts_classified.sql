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
    select * from {{ ref('chart_of_accounts') }}
),

cost_centres as (
    select * from {{ ref('cost_centres') }}
),

counterparties as (
    select * from {{ ref('counterparties') }}
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
        accounts.kontotyp as account_type,
        accounts.rr_line_code as income_statement_line_code,
        accounts.not_tabell as note_table,
        accounts.not_line_code as note_line_code,
        accounts.slag_tabell as by_type_table,
        accounts.slag_line_code as by_type_line_code,
        accounts.balanskrav_line_code as balance_requirement_line_code,
        accounts.rs_line_code,
        accounts.kontotyp in (
            'verksamhetens_intakt', 'verksamhetens_kostnad', 'avskrivning'
        ) as is_operating,
        accounts.kontotyp = 'verksamhetens_intakt' as is_operating_revenue,
        cost_centres.division,
        cost_centres.namnd as committee,
        cost_centres.driftredovisning_rad as operating_statement_unit,
        coalesce(counterparties.ar_intern, false) as is_internal,
        counterparties.rs_motpartstyp as counterparty_type
    from amounts
    inner join accounts on amounts.account_code = accounts.konto
    inner join cost_centres on amounts.cost_centre_code = cost_centres.ansvar
    left join counterparties on amounts.counterparty_code = counterparties.motpart
)

select * from classified
