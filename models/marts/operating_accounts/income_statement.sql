{{ config(contract={'enforced': true}) }}

-- The income statement (resultaträkning) per scenario and year. Internal trade is eliminated:
-- only amounts with an external counterparty count.
with amounts as (
    select * from {{ ref('int_income_statement_amounts') }}
    where not is_internal
),

account_lines as (
    select
        scenario,
        fiscal_year,
        income_statement_line as line,
        sum(report_amount_sek) as amount_sek
    from amounts
    group by scenario, fiscal_year, income_statement_line
),

pivoted as (
    select
        scenario,
        fiscal_year,
        coalesce(sum(amount_sek) filter (where line = 'Verksamhetens intäkter'), 0) as intakter,
        coalesce(sum(amount_sek) filter (where line = 'Verksamhetens kostnader'), 0) as kostnader,
        coalesce(sum(amount_sek) filter (where line = 'Avskrivningar'), 0) as avskrivningar,
        coalesce(sum(amount_sek) filter (where line = 'Skatteintäkter'), 0) as skatter,
        coalesce(
            sum(amount_sek) filter (where line = 'Generella statsbidrag och utjämning'), 0
        ) as statsbidrag,
        coalesce(sum(amount_sek) filter (where line = 'Finansiella intäkter'), 0) as fin_intakter,
        coalesce(sum(amount_sek) filter (where line = 'Finansiella kostnader'), 0) as fin_kostnader
    from account_lines
    group by scenario, fiscal_year
),

statement as (
    select
        scenario,
        fiscal_year,
        1 as line_order,
        'Verksamhetens intäkter' as line,
        intakter as amount_sek
    from pivoted
    union all
    select
        scenario,
        fiscal_year,
        2,
        'Verksamhetens kostnader',
        kostnader
    from pivoted
    union all
    select
        scenario,
        fiscal_year,
        3,
        'Avskrivningar',
        avskrivningar
    from pivoted
    union all
    select
        scenario,
        fiscal_year,
        4,
        'Verksamhetens nettokostnad',
        intakter + kostnader + avskrivningar
    from pivoted
    union all
    select
        scenario,
        fiscal_year,
        5,
        'Skatteintäkter',
        skatter
    from pivoted
    union all
    select
        scenario,
        fiscal_year,
        6,
        'Generella statsbidrag och utjämning',
        statsbidrag
    from pivoted
    union all
    select
        scenario,
        fiscal_year,
        7,
        'Verksamhetens resultat',
        intakter + kostnader + avskrivningar + skatter + statsbidrag
    from pivoted
    union all
    select
        scenario,
        fiscal_year,
        8,
        'Finansiella intäkter',
        fin_intakter
    from pivoted
    union all
    select
        scenario,
        fiscal_year,
        9,
        'Finansiella kostnader',
        fin_kostnader
    from pivoted
    union all
    select
        scenario,
        fiscal_year,
        10,
        'Årets resultat',
        intakter + kostnader + avskrivningar + skatter + statsbidrag + fin_intakter + fin_kostnader
    from pivoted
),

final as (
    select
        cast(scenario as varchar) as scenario,
        cast(fiscal_year as integer) as fiscal_year,
        cast(line_order as integer) as line_order,
        cast(line as varchar) as line,
        {{ sek('amount_sek') }} as amount_sek
    from statement
)

select * from final
