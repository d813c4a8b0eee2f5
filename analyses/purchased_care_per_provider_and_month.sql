-- Out-of-county care per provider and month: cost, episodes and the price paid per DRG point.
select
    care.period,
    care.provider_name,
    sum(care.cost_sek) as cost_sek,
    sum(care.episodes) as episodes,
    {{ divide('sum(care.cost_sek)', 'sum(care.drg_points)') }} as cost_per_drg_point_sek
from {{ ref('purchased_care_monthly') }} as care
inner join {{ ref('purchase_categories') }} as categories
    on care.category = categories.kategori
where categories.ar_vard_utanfor_lanet
group by care.period, care.provider_name
order by care.period asc, cost_sek desc
