"""How a checked file's fields become raw's typed rows: each column cast to its declared type,
free text with any identity number masked, identifiers replaced by their pseudonyms through the
run's in-memory pairs, dropped columns left out, the birth year derived."""

from __future__ import annotations

from norrlager.ingest import checks
from norrlager.ingest.contracts import PSEUDONYM_COLUMN, Entity
from norrlager.ingest.reading import field


def typed_select(entity: Entity, table: str, mask: bool = True) -> tuple[str, str]:
    """The typed select list of a file's fields and the join that pseudonymises them. `mask`:
    False when the checks counted no identity number in the file's free text, which then needs
    no masking (a regular expression over every text, the dearest part of a ledger's insert)."""
    names = entity.column_names
    cols, joins = [], []
    for i, (name, typ) in enumerate(entity.columns):
        if name in entity.dropped:
            continue
        if name in entity.identifiers:
            alias = f"_p{i}"
            joins.append(f"left join _pseudonyms as {alias} "
                         f"on {alias}.identifier = {table}.{field(i)}")
            cols.append(f"{alias}.pseudonym as {PSEUDONYM_COLUMN}")
        else:
            cols.append(checks.typed_expr(f"{table}.{field(i)}", name, typ,
                                          mask and name in entity.free_text))
    if entity.birth_year_of:
        f = field(names.index(entity.birth_year_of))
        cols.append(f"cast(left({table}.{f}, 4) as integer) as birth_year")
    return ", ".join(cols), " ".join(joins)
