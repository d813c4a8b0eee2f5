-- The key that distributes the shared services over the activity areas (seed activities,
-- andel_gemensamma_tjanster) must distribute all of it: its shares add up to exactly 1.
select sum(andel_gemensamma_tjanster) as total_share
from {{ ref('activities') }}
having sum(andel_gemensamma_tjanster) <> 1
