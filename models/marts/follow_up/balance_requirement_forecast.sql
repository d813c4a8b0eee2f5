{{ config(contract={'enforced': true}) }}

-- The balance requirement forecast for the council: per month, the region's year so far and
-- full-year forecast of the result, the adjustments the balance requirement makes (laid out
-- by seed report_lines, table balanskrav: realisation gains and unrealised changes out, their
-- reversals back in) and the result after them. The reserve's transfers are the council's
-- decision at the year's end and are not forecast.
with lines as (
    select * from {{ ref('int_follow_up_lines_monthly') }}
    where level = 'region'
),

forecasts as (
    select * from {{ ref('int_follow_up_forecasts') }}
    where level = 'region' and method = 'model'
),

ancestry as (
    select * from {{ ref('int_report_line_ancestry') }}
    where
        report_table = 'balanskrav'
        and ancestor_code in (
            {{ report_line('balanskrav', 'arets_resultat_enligt_rr') }},
            {{ report_line('balanskrav', 'avgar_realisationsvinster') }},
            {{ report_line('balanskrav', 'orealiserade_vardepapper') }},
            {{ report_line('balanskrav', 'aterforing_vid_realisering') }},
            {{ report_line('balanskrav', 'resultat_efter_justeringar') }}
        )
),

-- The result is the income statement's; the adjustments carry their balanskrav codes.
leaves as (
    select
        lines.fiscal_year,
        lines.month_number,
        case
            when lines.line_code = 'arets_resultat' then 'arets_resultat_enligt_rr'
            else lines.line_code
        end as line_code,
        lines.actual_ytd_sek,
        forecasts.forecast_sek
    from lines
    left join forecasts
        on
            lines.fiscal_year = forecasts.fiscal_year
            and lines.month_number = forecasts.month_number
            and lines.line_code = forecasts.line_code
    where lines.line_code in (
        'arets_resultat', 'avgar_realisationsvinster', 'orealiserade_vardepapper',
        'aterforing_vid_realisering'
    )
),

months as (
    select distinct
        fiscal_year,
        month_number
    from lines
),

layout as (
    {{ layout_lines('ancestry') }}
),

summed as (
    select
        leaves.fiscal_year,
        leaves.month_number,
        ancestry.ancestor_code as line_code,
        sum(leaves.actual_ytd_sek) as actual_ytd_sek,
        sum(leaves.forecast_sek) as forecast_sek
    from leaves
    inner join ancestry on leaves.line_code = ancestry.line_code
    group by leaves.fiscal_year, leaves.month_number, ancestry.ancestor_code
),

final as (
    select
        {{ period_of_month('months.fiscal_year', 'months.month_number') }} as period,
        cast(months.fiscal_year as integer) as fiscal_year,
        cast(months.month_number as integer) as month_number,
        cast(layout.line_order as integer) as line_order,
        cast(layout.line_code as {{ dbt.type_string() }}) as line_code,
        cast(layout.label as {{ dbt.type_string() }}) as line,
        cast(layout.is_total as boolean) as is_total,
        {{ sek('coalesce(summed.actual_ytd_sek, 0)') }} as actual_ytd_sek,
        {{ sek('coalesce(summed.forecast_sek, 0)') }} as forecast_full_year_sek
    from months
    cross join layout
    left join summed
        on
            months.fiscal_year = summed.fiscal_year
            and months.month_number = summed.month_number
            and layout.line_code = summed.line_code
)

select * from final
