with source as (
    select * from {{ ref('chart_of_accounts') }}
),

renamed as (
    select
        konto as account_code,
        kontonamn as account_name,
        kontotyp as account_type,
        rr_line_code as income_statement_line_code,
        not_tabell as note_table,
        not_line_code as note_line_code,
        slag_tabell as by_type_table,
        slag_line_code as by_type_line_code,
        br_line_code as balance_sheet_line_code,
        kassaflode_line_code as cash_flow_line_code,
        balanskrav_line_code as balance_requirement_line_code,
        personalkostnad_line_code as personnel_cost_line_code,
        rs_line_code
    from source
)

select * from renamed
