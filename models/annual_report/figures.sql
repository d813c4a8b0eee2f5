{{ config(contract={'enforced': true}) }}

-- The annual report's tables rebuilt from the marts, in the long shape of the published
-- figures (table, line, period, value, unit) and rounded as the report rounds: money in whole
-- mnkr, ratios to the decimals the report prints. Deviations are computed before rounding.
with income_statement as (
    select * from {{ ref('income_statement') }}
),

resultatrakning as (
    select
        'resultatrakning' as report_table,
        line,
        case when scenario = 'budget' then 'budget_' else '' end || fiscal_year as period,
        amount_sek
    from income_statement
),

notes as (
    select
        note_table as report_table,
        line,
        cast(fiscal_year as varchar) as period,
        amount_sek
    from {{ ref('income_statement_notes') }}
),

by_type as (
    -- Costs per type are printed as positive amounts.
    select
        type_table as report_table,
        line,
        cast(fiscal_year as varchar) as period,
        case when type_table = 'kostnader_per_slag' then -amount_sek else amount_sek end as amount_sek
    from {{ ref('income_and_costs_by_type') }}
),

taxes as (
    select
        'skatter_och_statsbidrag' as report_table,
        line,
        cast(fiscal_year as varchar) as period,
        amount_sek
    from income_statement
    where scenario = 'utfall' and line in ('Skatteintäkter', 'Generella statsbidrag och utjämning')
    union all
    select
        'skatter_och_statsbidrag',
        'Summa',
        cast(fiscal_year as varchar),
        sum(amount_sek)
    from income_statement
    where scenario = 'utfall' and line in ('Skatteintäkter', 'Generella statsbidrag och utjämning')
    group by fiscal_year
),

committee_rows as (
    select
        committee as line,
        fiscal_year,
        actual_sek,
        budget_sek,
        deviation_sek
    from {{ ref('net_cost_by_committee') }}
    union all
    select
        'Verksamhetens nettokostnad',
        fiscal_year,
        sum(actual_sek),
        sum(budget_sek),
        sum(deviation_sek)
    from {{ ref('net_cost_by_committee') }}
    group by fiscal_year
),

division_rows as (
    select
        division as line,
        fiscal_year,
        actual_sek,
        budget_sek,
        deviation_sek
    from {{ ref('net_cost_by_division') }}
    union all
    select
        'Divisionerna',
        fiscal_year,
        sum(actual_sek),
        sum(budget_sek),
        sum(deviation_sek)
    from {{ ref('net_cost_by_division') }}
    where is_division
    group by fiscal_year
    union all
    select
        'Summa verksamhetens nettokostnader',
        fiscal_year,
        sum(actual_sek),
        sum(budget_sek),
        sum(deviation_sek)
    from {{ ref('net_cost_by_division') }}
    group by fiscal_year
),

net_cost_tables as (
    {% for table, rows in [('nettokostnad_per_namnd', 'committee_rows'), ('nettokostnad_per_division', 'division_rows')] %}
        select
            '{{ table }}' as report_table,
            line,
            cast(fiscal_year as varchar) as period,
            actual_sek as amount_sek
        from {{ rows }}
        union all
        select
            '{{ table }}',
            line,
            'budget_' || fiscal_year,
            budget_sek
        from {{ rows }}
        where budget_sek is not null
        union all
        select
            '{{ table }}',
            line,
            'avvikelse_' || fiscal_year,
            deviation_sek
        from {{ rows }}
        where deviation_sek is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

driftredovisning as (
    select
        'driftredovisning' as report_table,
        unit || ' | Intäkter' as line,
        cast(fiscal_year as varchar) as period,
        revenue_actual_sek as amount_sek
    from {{ ref('operating_statement') }}
    union all
    select
        'driftredovisning',
        unit || ' | Intäkter',
        'budget_' || fiscal_year,
        revenue_budget_sek
    from {{ ref('operating_statement') }}
    where revenue_budget_sek is not null
    union all
    select
        'driftredovisning',
        unit || ' | Kostnader',
        cast(fiscal_year as varchar),
        costs_actual_sek
    from {{ ref('operating_statement') }}
    union all
    select
        'driftredovisning',
        unit || ' | Kostnader',
        'budget_' || fiscal_year,
        costs_budget_sek
    from {{ ref('operating_statement') }}
    where costs_budget_sek is not null
    union all
    select
        'driftredovisning',
        unit || ' | Avvikelse nettokostnad',
        cast(fiscal_year as varchar),
        net_deviation_sek
    from {{ ref('operating_statement') }}
    where net_deviation_sek is not null
),

statements as (
    select
        'balansrakning' as report_table,
        line,
        cast(fiscal_year as varchar) as period,
        amount_sek
    from {{ ref('balance_sheet') }}
    union all
    select
        'kassaflode',
        line,
        cast(fiscal_year as varchar),
        amount_sek
    from {{ ref('cash_flow_statement') }}
    union all
    select
        'balanskrav',
        line,
        cast(fiscal_year as varchar),
        amount_sek
    from {{ ref('balance_requirement') }}
    union all
    select
        'resultatutjamningsreserv',
        '1 procent av skatter och statsbidrag',
        cast(fiscal_year as varchar),
        one_percent_of_taxes_sek
    from {{ ref('result_equalisation_reserve') }}
    union all
    select
        'resultatutjamningsreserv',
        'Ingående resultatutjämningsreserv',
        cast(fiscal_year as varchar),
        opening_sek
    from {{ ref('result_equalisation_reserve') }}
    union all
    select
        'resultatutjamningsreserv',
        'Utgående resultatutjämningsreserv',
        cast(fiscal_year as varchar),
        closing_sek
    from {{ ref('result_equalisation_reserve') }}
    union all
    select
        'oversikt',
        metric,
        cast(fiscal_year as varchar),
        amount_sek
    from {{ ref('financial_overview') }}
    union all
    select
        'finansiella_nyckeltal',
        'Budgetavvikelse divisionerna',
        cast(fiscal_year as varchar),
        deviation_sek
    from division_rows
    where line = 'Divisionerna' and deviation_sek is not null
),

purchased_care as (
    select
        'kop_av_verksamhet' as report_table,
        report_group || ' | ' || category as line,
        cast(fiscal_year as varchar) as period,
        cost_sek as amount_sek
    from {{ ref('purchased_care_by_category') }}
    where report_group in ('Köpt utomlänsvård', 'Köp av övriga tjänster')
    union all
    select
        'kop_av_verksamhet',
        report_group || ' | Summa',
        cast(fiscal_year as varchar),
        sum(cost_sek)
    from {{ ref('purchased_care_by_category') }}
    where report_group in ('Köpt utomlänsvård', 'Köp av övriga tjänster')
    group by fiscal_year, report_group
    union all
    select
        'kop_av_verksamhet',
        'Totalt',
        cast(fiscal_year as varchar),
        sum(cost_sek)
    from {{ ref('purchased_care_by_category') }}
    where report_group in ('Köpt utomlänsvård', 'Köp av övriga tjänster')
    group by fiscal_year
    union all
    select
        'sjukresor',
        category,
        cast(fiscal_year as varchar),
        cost_sek
    from {{ ref('purchased_care_by_category') }}
    where report_group = 'Sjukresor och sjuktransporter'
),

money_sek as (
    select * from resultatrakning
    union all
    select * from notes
    union all
    select * from by_type
    union all
    select * from taxes
    union all
    select * from net_cost_tables
    union all
    select * from driftredovisning
    union all
    select * from statements
    union all
    select * from purchased_care
),

money as (
    select
        report_table,
        line,
        period,
        {{ to_mnkr('amount_sek') }} as value,
        'mnkr' as unit
    from money_sek
),

ratios as (
    select
        'finansiella_nyckeltal' as report_table,
        ratio as line,
        cast(fiscal_year as varchar) as period,
        {{ report_round('value_percent', 'report_decimals') }} as value,
        'percent' as unit
    from {{ ref('financial_key_ratios') }}
    where value_percent is not null
    union all
    select
        'oversikt',
        ratio,
        cast(fiscal_year as varchar),
        {{ report_round('value_percent', 'report_decimals') }},
        'percent'
    from {{ ref('financial_key_ratios') }}
    where ratio in ('Soliditet blandmodell', 'Soliditet fullfondering') and value_percent is not null
    union all
    select
        'kopt_utomlansvard_per_sjukhus',
        provider_name,
        cast(fiscal_year as varchar),
        {{ report_round('share_percent', 0) }},
        'percent of köpt utomlänsvård'
    from {{ ref('purchased_care_provider_shares') }}
),

all_figures as (
    select * from money
    union all
    select * from ratios
),

final as (
    select
        cast(report_table as varchar) as "table",
        cast(line as varchar) as line,
        cast(period as varchar) as period,
        cast(value as double) as value,
        cast(unit as varchar) as unit
    from all_figures
)

select * from final
