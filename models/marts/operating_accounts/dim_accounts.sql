{{ config(contract={'enforced': true}) }}

with accounts as (
    select * from {{ ref('chart_of_accounts') }}
),

final as (
    select
        cast(konto as varchar) as account_code,
        cast(kontonamn as varchar) as account_name,
        cast(kontotyp as varchar) as account_type,
        cast(rr_line_code as varchar) as income_statement_line_code,
        cast(not_tabell as varchar) as note_table,
        cast(not_line_code as varchar) as note_line_code,
        cast(slag_tabell as varchar) as by_type_table,
        cast(slag_line_code as varchar) as by_type_line_code,
        cast(br_line_code as varchar) as balance_sheet_line_code,
        cast(kassaflode_line_code as varchar) as cash_flow_line_code
    from accounts
)

select * from final
