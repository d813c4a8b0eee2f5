{{ config(contract={'enforced': true}) }}

with accounts as (
    select * from {{ ref('stg_reference__accounts') }}
),

final as (
    select
        cast(account_code as {{ dbt.type_string() }}) as account_code,
        cast(account_name as {{ dbt.type_string() }}) as account_name,
        cast(account_type as {{ dbt.type_string() }}) as account_type,
        cast(income_statement_line_code as {{ dbt.type_string() }}) as income_statement_line_code,
        cast(note_table as {{ dbt.type_string() }}) as note_table,
        cast(note_line_code as {{ dbt.type_string() }}) as note_line_code,
        cast(by_type_table as {{ dbt.type_string() }}) as by_type_table,
        cast(by_type_line_code as {{ dbt.type_string() }}) as by_type_line_code,
        cast(balance_sheet_line_code as {{ dbt.type_string() }}) as balance_sheet_line_code,
        cast(cash_flow_line_code as {{ dbt.type_string() }}) as cash_flow_line_code
    from accounts
)

select * from final
