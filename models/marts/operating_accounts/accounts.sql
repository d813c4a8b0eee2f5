{{ config(contract={'enforced': true}) }}

with accounts as (
    select * from {{ ref('chart_of_accounts') }}
),

final as (
    select
        cast(konto as {{ dbt.type_string() }}) as account_code,
        cast(kontonamn as {{ dbt.type_string() }}) as account_name,
        cast(kontotyp as {{ dbt.type_string() }}) as account_type,
        cast(rr_line_code as {{ dbt.type_string() }}) as income_statement_line_code,
        cast(not_tabell as {{ dbt.type_string() }}) as note_table,
        cast(not_line_code as {{ dbt.type_string() }}) as note_line_code,
        cast(slag_tabell as {{ dbt.type_string() }}) as by_type_table,
        cast(slag_line_code as {{ dbt.type_string() }}) as by_type_line_code,
        cast(br_line_code as {{ dbt.type_string() }}) as balance_sheet_line_code,
        cast(kassaflode_line_code as {{ dbt.type_string() }}) as cash_flow_line_code
    from accounts
)

select * from final
