{#- The ledger stores debit as positive. The report shows revenue positive and costs negative
    in the income statement, and balances as positive amounts on both sides of the balance
    sheet. These macros are the one place that turns one into the other. -#}
{% macro income_statement_sign(amount) -%}
    (-1 * {{ amount }})
{%- endmacro %}

{% macro balance_sheet_sign(amount, is_asset) -%}
    (case when {{ is_asset }} then {{ amount }} else -1 * {{ amount }} end)
{%- endmacro %}
