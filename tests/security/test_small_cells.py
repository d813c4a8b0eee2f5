"""One small-cell rule for a whole row, attacked as a curious BI analyst would.

Every served table with a person count (yml meta small_cells: patients) is read from the demo
warehouse, and:
- a row whose person count is hidden shows no other count of those persons (meta small_cells:
  patients_row), only money the ledger shows as well (money_in_ledger);
- no hidden row can be recovered by subtraction: for every margin an analyst can know (the same
  rows summed over one dimension: the months of a year, the sexes, the age bands, the care types
  ...; or another mart built from the same rows at a coarser grain), every group holds no hidden
  row, or at least two, or is that one row alone. Every coarser total is a union of such groups,
  so a single hidden row in it would be a single hidden row in one of them.
- one mart against another: purchased care per year and category, per month and category, and
  per provider, cost centre and account are margins of one another, checked the same way.
"""

from __future__ import annotations

import duckdb
import pytest

from norrlager.serve.publish import is_served

ROW_RULE = "patients_row"


def _served_with_person_counts(manifest: dict) -> list[dict]:
    out = []
    for node in manifest["nodes"].values():
        if node["resource_type"] != "model" or not is_served(node["schema"], node["name"]):
            continue
        cols = node["columns"]
        persons = [n for n, c in cols.items() if c.get("meta", {}).get("small_cells")
                   == "patients"]
        if not persons or "is_suppressed" not in cols:
            continue
        grain = next((t["test_metadata"]["kwargs"]["columns"] for t in manifest["nodes"].values()
                      if t["resource_type"] == "test"
                      and t.get("attached_node") == node["unique_id"]
                      and t.get("test_metadata", {}).get("name") == "unique_combination"), None)
        years = [y for y in ("calendar_year", "fiscal_year") if y in cols and y not in grain]
        out.append({"relation": f"{node['schema']}.{node['name']}", "persons": persons[0],
                    "dimensions": list(grain) + years,
                    "row_measures": [n for n, c in cols.items()
                                     if c.get("meta", {}).get("small_cells") == ROW_RULE]})
    return out


@pytest.fixture(scope="module")
def served(demo, dbt_manifest) -> tuple[duckdb.DuckDBPyConnection, list[dict]]:
    con = duckdb.connect(str(demo.warehouse), read_only=True)
    yield con, _served_with_person_counts(dbt_manifest)
    con.close()


def test_the_attacked_tables_are_the_ones_that_leaked(served) -> None:
    _con, tables = served
    assert {t["relation"] for t in tables} >= {
        "care_production.admissions_monthly", "care_production.contacts_monthly",
        "purchased_care.purchased_care_monthly", "purchased_care.purchased_care_by_category",
        "purchased_care.purchased_care_by_category_monthly"}


def test_a_hidden_person_count_hides_every_count_of_those_persons(served) -> None:
    con, tables = served
    leaks = {}
    for t in tables:
        shown = " or ".join(f"{m} is not null" for m in t["row_measures"])
        if not shown:
            continue
        [(n,)] = con.execute(f"select count(*) from {t['relation']} "
                             f"where {t['persons']} is null and ({shown})").fetchall()
        if n:
            leaks[t["relation"]] = n
    assert leaks == {}


def test_no_hidden_row_is_recovered_from_a_coarser_served_total(served) -> None:
    con, tables = served
    columns: dict[str, set[str]] = {}
    for (schema, table, column) in con.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "where table_catalog = current_database()").fetchall():
        if is_served(schema, table):
            columns.setdefault(f"{schema}.{table}", set()).add(column)
    attacks, recoverable = 0, {}
    for t in tables:
        grain = set(t["dimensions"])
        for other, cols in columns.items():
            keys = sorted(cols & grain)
            measures = sorted(cols & set(t["row_measures"]))
            if other == t["relation"] or not measures or set(keys) == grain:
                continue
            attacks += 1
            join = " and ".join(f"f.{k} is not distinct from c.{k}" for k in keys) or "true"
            group = ", ".join(f"c.{k}" for k in keys) or "1"
            [(n,)] = con.execute(f"""select count(*) from (
                select count(*) filter (where f.{t['persons']} is null) as hidden,
                       count(*) as rows_in_group
                from {other} as c join {t['relation']} as f on {join}
                where c.{measures[0]} is not null
                group by {group})
                where hidden = 1 and rows_in_group > 1""").fetchall()
            if n:
                recoverable[f"{t['relation']} from {other} ({', '.join(keys)})"] = n
    assert attacks >= 2 and recoverable == {}


def test_every_row_level_mart_checks_every_total_it_is_published_in(dbt_manifest,
                                                                     served) -> None:
    _con, tables = served
    checked = {n["attached_node"].split(".")[-1] for n in dbt_manifest["nodes"].values()
               if n["resource_type"] == "test"
               and n.get("test_metadata", {}).get("name") == "no_hidden_row_recoverable"}
    assert {t["relation"].split(".")[1] for t in tables} <= checked


def test_a_mart_against_another_recovers_nothing(served) -> None:
    """Purchased care per month and category (and per year and category) is a margin of the
    row-level monthly mart: subtracting the visible fine rows from it leaves, in every group, no
    hidden row or at least two."""
    con, _tables = served
    fine = "purchased_care.purchased_care_monthly"
    for coarse, keys in (("purchased_care.purchased_care_by_category_monthly",
                          ["period", "category"]),
                         ("purchased_care.purchased_care_by_category",
                          ["fiscal_year", "category"])):
        join = " and ".join(f"f.{k} = c.{k}" for k in keys)
        [(n,)] = con.execute(f"""select count(*) from (
            select c.episodes, count(*) filter (where f.patients is null) as hidden,
                   count(*) as rows_in_group
            from {coarse} as c join {fine} as f on {join}
            group by all)
            where episodes is not null and hidden = 1 and rows_in_group > 1""").fetchall()
        assert n == 0, coarse
