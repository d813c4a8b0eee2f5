-- Incremental by delivered period (macro periods_loaded_since_last_build).
{{ config(**incremental_by_period()) }}

with source as (
    {{ rows_loaded_since_last_build(source('invoices', 'invoices_lines')) }}
),

renamed as (
    select
        fakturanummer as invoice_id,
        fakturarad as invoice_line,
        fakturadatum as invoice_date,
        period,
        cast(left(period, 4) as integer) as fiscal_year,
        leverantor as provider_id,
        kategori as category,
        konto as account_code,
        ansvar as cost_centre_code,
        person_key as patient_key,
        episod as episode_id,
        drg as drg_code,
        drg_vikt as drg_points,
        {{ sek('belopp') }} as amount_sek,
        text as line_text,
        _loaded_at as loaded_at
    from source
)

select * from renamed
