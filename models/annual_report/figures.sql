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

care_areas as (
    select distinct
        vardomrade,
        vardomrade_kort
    from {{ ref('activities') }}
    where vardomrade is not null
),

occupational_groups as (
    select distinct yrkesgrupp from {{ ref('occupations') }}
),

personnel_money as (
    select
        'personalkostnader' as report_table,
        cost_line as line,
        cast(fiscal_year as varchar) as period,
        amount_sek
    from {{ ref('personnel_costs_yearly') }}
    union all
    select
        'personalkostnader',
        'Summa personalkostnader',
        cast(fiscal_year as varchar),
        sum(amount_sek)
    from {{ ref('personnel_costs_yearly') }}
    group by fiscal_year
    union all
    select
        'inhyrd_personal_per_vardomrade',
        care_area,
        cast(fiscal_year as varchar),
        sum(amount_sek)
    from {{ ref('hired_staff_yearly') }}
    group by all
    union all
    select
        'inhyrd_personal_per_vardomrade',
        'Summa',
        cast(fiscal_year as varchar),
        sum(amount_sek)
    from {{ ref('hired_staff_yearly') }}
    group by fiscal_year
    union all
    select
        'inhyrd_personal_per_yrke',
        hired.profession || ' | ' || areas.vardomrade_kort,
        cast(hired.fiscal_year as varchar),
        sum(hired.amount_sek)
    from {{ ref('hired_staff_yearly') }} as hired
    inner join care_areas as areas
        on hired.care_area = areas.vardomrade
    group by all
    union all
    select
        'inhyrd_personal_per_yrke',
        profession || ' | Totalt',
        cast(fiscal_year as varchar),
        sum(amount_sek)
    from {{ ref('hired_staff_yearly') }}
    group by all
),

headcount_year_end as (
    select
        cast(year(month_end) as varchar) as calendar_year,
        strftime(month_end, '%Y-%m-%d') as day,
        occupational_group,
        is_temporary,
        headcount,
        fte
    from {{ ref('headcount_monthly') }}
    where month(month_end) = 12
),

year_end_days as (
    select distinct day from headcount_year_end
),

hired_by_profession as (
    select
        fiscal_year,
        profession,
        sum(amount_sek) as amount_sek,
        lag(sum(amount_sek)) over (partition by profession order by fiscal_year) as amount_before
    from {{ ref('hired_staff_yearly') }}
    group by fiscal_year, profession
),

personnel as (
    -- Every occupational group at every year end, zero when it has nobody.
    select
        'anstallda_per_yrkesgrupp' as report_table,
        groups.yrkesgrupp as line,
        days.day as period,
        coalesce(sum(heads.headcount), 0) as value,
        'persons' as unit
    from occupational_groups as groups
    cross join year_end_days as days
    left join headcount_year_end as heads
        on
            groups.yrkesgrupp = heads.occupational_group
            and days.day = heads.day
    group by all
    union all
    select
        'anstallda_per_yrkesgrupp',
        'Summa',
        day,
        sum(headcount),
        'persons'
    from headcount_year_end
    group by all
    union all
    select
        'anstallda_per_yrkesgrupp',
        'Varav vikarier och tillfälligt anställda',
        day,
        sum(headcount),
        'persons'
    from headcount_year_end
    where is_temporary
    group by all
    union all
    select
        'anstallda_per_yrkesgrupp',
        'Tillsvidareanställda',
        day,
        sum(headcount),
        'persons'
    from headcount_year_end
    where not is_temporary
    group by all
    union all
    select
        'oversikt',
        'Antal anställda 31/12',
        calendar_year,
        sum(headcount),
        'persons'
    from headcount_year_end
    group by all
    union all
    select
        'oversikt',
        'Antal årsarbetare',
        calendar_year,
        {{ report_round('sum(fte)', 0) }},
        'FTE'
    from headcount_year_end
    group by all
    union all
    select
        'personalomsattning',
        'Personalomsättning tillsvidareanställda (slutat och gått externt)',
        cast(calendar_year as varchar),
        {{ report_round('turnover_percent', 1) }},
        'percent'
    from {{ ref('turnover_yearly') }}
    union all
    select
        'personalomsattning',
        'Pensionsavgångar',
        cast(calendar_year as varchar),
        {{ report_round('retirement_percent', 0) }},
        'percent'
    from {{ ref('turnover_yearly') }}
    union all
    select
        'personalomsattning',
        'Avslutsenkät utskick (medarbetare som slutade)',
        cast(calendar_year as varchar),
        left_for_other_employer,
        'persons'
    from {{ ref('turnover_yearly') }}
    union all
    select
        'arbetad_tid_och_franvaro',
        measures.line,
        cast(absence.calendar_year as varchar),
        {{ report_round('measures.value', 1) }},
        'percent'
    from {{ ref('absence_yearly') }} as absence
    cross join
        lateral (
            values
            ('Arbetad tid (basbemanning)', absence.worked_percent),
            ('Sjukfrånvaro', absence.sick_percent),
            ('Semester, föräldraledighet, övrig frånvaro', absence.other_absence_percent),
            ('Föräldraledighet', absence.parental_percent),
            ('Semesteruttag', absence.vacation_percent)
        ) as measures (line, value)
    union all
    select
        'sjukfranvaro_intervall',
        measures.line,
        cast(sick.calendar_year as varchar),
        {{ report_round('measures.value', 1) }},
        'percent'
    from {{ ref('sick_leave_yearly') }} as sick
    cross join
        lateral (
            values
            ('1–14 dagar', sick.percent_1_14),
            ('15–59 dagar', sick.percent_15_59),
            ('60–90 dagar', sick.percent_60_90),
            ('91- dagar', sick.percent_91_plus),
            (
                'Lång sjukfrånvaro (dag 15-) andel av total sjukfrånvaro',
                sick.long_term_share_15_percent
            ),
            (
                'Kort sjukfrånvaro (1–14 dagar) andel av total sjukfrånvaro',
                100 - sick.long_term_share_15_percent
            ),
            ('Total sjukfrånvaro', sick.sick_percent)
        ) as measures (line, value)
    where sick.breakdown = 'all'
    union all
    select
        'sjukfranvaro_kon_alder',
        case sick.breakdown
            when 'all' then 'Sjukfrånvaro total'
            when 'sex'
                then case sick.breakdown_value
                    when 'K' then 'Sjukfrånvaro kvinnor'
                    else 'Sjukfrånvaro män'
                end
            else 'Sjukfrånvaro ' || replace(replace(replace(
                sick.breakdown_value,
                '-29', '–29'
            ), '30-49', '30–49'), '50-', '50–') || ' år'
        end || decimals.suffix,
        cast(sick.calendar_year as varchar),
        {{ report_round('sick.sick_percent', 'decimals.places') }},
        'percent'
    from {{ ref('sick_leave_yearly') }} as sick
    cross join (values (1, ''), (2, ', två decimaler')) as decimals (places, suffix)
    union all
    select
        'sjukfranvaro_kon_alder',
        'Total sjukfrånvaro',
        cast(calendar_year as varchar),
        {{ report_round('sick_percent', 1) }},
        'percent'
    from {{ ref('sick_leave_yearly') }}
    where breakdown = 'all'
    union all
    select
        'inhyrd_personal_per_yrke',
        profession || ' | Förändring ' || fiscal_year || '-' || (fiscal_year - 1),
        cast(fiscal_year as varchar),
        {{ report_round('100 * (amount_sek / amount_before - 1)', 0) }},
        'percent'
    from hired_by_profession
    where amount_before is not null
    union all
    select
        'inhyrd_personal_nyckeltal',
        measures.line,
        cast(ratios.fiscal_year as varchar),
        {{ report_round('measures.value', 'measures.places') }},
        measures.unit
    from {{ ref('staff_key_ratios_yearly') }} as ratios
    cross join
        lateral (
            values
            (
                'Andel kostnad inhyrda av egen personalkostnad', ratios.hired_cost_share_percent, 1,
                'percent'
            ),
            (
                'Ökning arbetade timmar inhyrd personal', ratios.hired_hours_change_percent, 1,
                'percent'
            ),
            ('Ökning årsarbetare inhyrd personal', ratios.hired_fte_change, 0, 'FTE'),
            ('Ökning årsarbetare egen personal', ratios.own_fte_change, 0, 'FTE'),
            (
                'Ökning total arbetad tid inkl inhyrd', ratios.total_worked_change_percent, 1,
                'percent'
            )
        ) as measures (line, value, places, unit)
    where measures.value is not null
),

contact_counts as (
    select
        calendar_year,
        case caregiver_category
            when 'Läkare' then 'Läkarbesök'
            else 'Besök övriga vårdgivarkategorier'
        end as category_line,
        case caregiver_category
            when 'Läkare' then 'Läkarbesök'
            else 'Övriga vårdgivarkategorier'
        end as category_label,
        care_type,
        case
            when care_type = 'Primärvård' and is_private then 'Primärvård privat'
            when care_type = 'Primärvård' then 'Primärvård egen regi'
            else care_type
        end as care_label,
        contact_form,
        sex,
        sum(contacts) as contacts
    from {{ ref('contacts_monthly') }}
    group by all
),

contact_years as (
    select
        calendar_year,
        sum(contacts) as contacts,
        sum(contacts) filter (where contact_form = 'Distans') as distance
    from contact_counts
    group by calendar_year
),

care as (
    select
        'vardproduktion_besok' as report_table,
        category_line || ' | ' || care_type as line,
        cast(calendar_year as varchar) as period,
        sum(contacts) as value,
        'visits' as unit
    from contact_counts
    group by all
    union all
    select
        'vardproduktion_besok',
        category_line || ' | Summa',
        cast(calendar_year as varchar),
        sum(contacts),
        'visits'
    from contact_counts
    group by all
    union all
    select
        'vardproduktion_besok',
        measures.line,
        cast(years.calendar_year as varchar),
        measures.value,
        'visits'
    from contact_years as years
    cross join
        lateral (
            values
            ('Totalt antal besök', years.contacts),
            ('Varav distanskontakter', years.distance),
            ('Fysiska besök', years.contacts - years.distance)
        ) as measures (line, value)
    union all
    select
        'vardproduktion_besok',
        'Andel av besök och distanskontakter | ' || counts.care_type,
        cast(counts.calendar_year as varchar),
        {{ report_round('100.0 * sum(counts.contacts) / any_value(years.contacts)', 1) }},
        'percent'
    from contact_counts as counts
    inner join contact_years as years on counts.calendar_year = years.calendar_year
    group by all
    union all
    select
        'vardproduktion_kon',
        category_label || ' | ' || care_label || ' | '
        || case contact_form when 'Fysisk' then 'Fysiska besök' else 'Distanskontakter' end
        || ' | ' || case sex when 'K' then 'Kvinnor' else 'Män' end,
        cast(calendar_year as varchar),
        sum(contacts),
        'visits'
    from contact_counts
    group by all
    union all
    select
        'vardtillfallen',
        care_type,
        cast(calendar_year as varchar),
        sum(admissions),
        'admissions'
    from {{ ref('admissions_monthly') }}
    group by all
    union all
    select
        'vardtillfallen',
        'Summa',
        cast(calendar_year as varchar),
        sum(admissions),
        'admissions'
    from {{ ref('admissions_monthly') }}
    group by all
    union all
    select
        'vardtillfallen',
        care_type || ' | ' || case sex when 'K' then 'Kvinnor' else 'Män' end,
        cast(calendar_year as varchar),
        sum(admissions),
        'admissions'
    from {{ ref('admissions_monthly') }}
    group by all
    union all
    select
        'operationer',
        'Operationer (COP + EXT)',
        cast(calendar_year as varchar),
        sum(operations),
        'operations'
    from {{ ref('operations_monthly') }}
    group by all
    union all
    select
        'operationer',
        case sex when 'K' then 'Kvinnor' else 'Män' end,
        cast(calendar_year as varchar),
        sum(operations),
        'operations'
    from {{ ref('operations_monthly') }}
    group by all
    union all
    select
        'operationer',
        'Förändring män',
        cast(calendar_year as varchar),
        sum(operations) - lag(sum(operations)) over (order by calendar_year),
        'operations'
    from {{ ref('operations_monthly') }}
    where sex = 'M'
    group by calendar_year
),

-- The accessibility and goal tables print the report year with one decimal and the year before
-- (and the splits by sex) as whole percent.
care_ratios as (
    select
        'tillganglighet' as report_table,
        measures.line,
        cast(access.calendar_year as varchar) as period,
        {{ report_round('measures.value', 'measures.places') }} as value,
        'percent' as unit
    from {{ ref('accessibility_yearly') }} as access
    cross join
        lateral (
            values
            (
                'Telefontillgänglighet primärvård samma dag, snitt för året', access.same_day_percent,
                1
            ),
            (
                'Andel som får kontakt med hälsocentralen via telefon eller digitalt samma dag'
                || ' | utfall december', access.december_same_day_percent, 1
            ),
            (
                'Andel som får kontakt med hälsocentralen via telefon eller digitalt samma dag'
                || ' | utfall ackumulerat', access.same_day_percent, 1
            ),
            (
                'Medicinsk bedömning i primärvård inom 3 dagar | snitt för året',
                access.within_3_days_percent, case when access.calendar_year = 2023 then 1 else 0 end
            ),
            (
                'Medicinsk bedömning i primärvård inom 3 dagar | utfall december',
                access.december_within_3_days_percent, 0
            )
        ) as measures (line, value, places)
    where access.sex = 'Alla'
    union all
    select
        'tillganglighet',
        'Medicinsk bedömning i primärvård inom 3 dagar | '
        || case sex when 'K' then 'Kvinnor' else 'Män' end,
        cast(calendar_year as varchar),
        {{ report_round('within_3_days_percent', 0) }},
        'percent'
    from {{ ref('accessibility_yearly') }}
    where sex <> 'Alla'
    union all
    select
        'tillganglighet',
        kinds.rapportrad || ' | december',
        cast(waits.calendar_year as varchar),
        {{ report_round('waits.december_percent',
                        'case when waits.calendar_year = 2023 then 1 else 0 end') }},
        'percent'
    from {{ ref('waiting_times_yearly') }} as waits
    inner join {{ ref('waiting_kinds') }} as kinds on waits.waiting_kind = kinds.vantetyp
    where waits.sex = 'Alla'
    union all
    select
        'tillganglighet',
        kinds.rapportrad || ' | ackumulerat',
        cast(waits.calendar_year as varchar),
        {{ report_round('waits.accumulated_percent', 1) }},
        'percent'
    from {{ ref('waiting_times_yearly') }} as waits
    inner join {{ ref('waiting_kinds') }} as kinds on waits.waiting_kind = kinds.vantetyp
    where waits.sex = 'Alla'
    union all
    select
        'tillganglighet',
        kinds.rapportrad || ' | '
        || case
            when waits.waiting_kind like 'BUP%' and waits.sex = 'K' then 'Flickor'
            when waits.waiting_kind like 'BUP%' then 'Pojkar'
            when waits.sex = 'K' then 'Kvinnor'
            else 'Män'
        end || ' december',
        cast(waits.calendar_year as varchar),
        {{ report_round('waits.december_percent', 0) }},
        'percent'
    from {{ ref('waiting_times_yearly') }} as waits
    inner join {{ ref('waiting_kinds') }} as kinds on waits.waiting_kind = kinds.vantetyp
    where waits.sex <> 'Alla'
    union all
    select
        'styrmatt_vard',
        measures.line || case goals.sex when 'K' then ' | Kvinnor' when 'M' then ' | Män' else '' end,
        cast(goals.calendar_year as varchar),
        {{ report_round('measures.value', 'measures.places') }},
        measures.unit
    from {{ ref('care_goal_measures_yearly') }} as goals
    cross join
        lateral (
            values
            (
                'Antal vårdkontakter på filialer och servicepunkter', goals.branch_contacts, 0,
                'contacts'
            ),
            ('Andel digitala vårdbesök av totala besök', goals.digital_percent, 0, 'percent'),
            ('Antal besök 80 år och äldre på akutmottagning', goals.emergency_visits_80, 0, 'visits'),
            (
                'Antal patienter som fått fråga om våld i nära relation',
                goals.patients_asked_about_violence, 0, 'patients'
            ),
            (
                'Oplanerade återinskrivningar inom 30 dagar 65 år eller äldre',
                goals.readmitted_65_percent, 1, 'percent'
            ),
            (
                'Andel vårdtillfällen där patienten varit utskrivningsklar mer än 1 dygn',
                goals.ready_over_1_day_percent, 0, 'percent'
            ),
            (
                'Läkemedelsberättelse 75 år och äldre med fler än 5 läkemedel',
                goals.drug_review_percent, 0, 'percent'
            ),
            ('Andel vårdskador sluten somatisk vård', goals.care_injury_percent, 1, 'percent'),
            ('Antal slutförda ärenden (triage) på Digitalen', goals.digitalen_cases, 0, 'cases'),
            (
                'Antibiotikarecept per tusen invånare', goals.antibiotic_prescriptions_per_1000, 0,
                'prescriptions per 1000'
            ),
            (
                'Invånarnas uppfattning om tillgång till vård', goals.access_perception_percent, 0,
                'percent'
            )
        ) as measures (line, value, places, unit)
    where measures.value is not null
    union all
    select
        'oversikt',
        'Invånare',
        cast(calendar_year as varchar),
        sum(inhabitants),
        'persons'
    from {{ ref('population_yearly') }}
    group by calendar_year
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
    union all
    select * from personnel_money
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
    union all
    select * from personnel
    union all
    select * from care
    union all
    select * from care_ratios
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
