"""One naming rule per layer (docs/naming.md): staging `stg_<source>__<entity>s` in the folder of
its source, intermediate `int_`, marts and report tables plain nouns whose yml states the grain."""

from __future__ import annotations

import re

import pytest

STAGING = re.compile(r"stg_(?P<source>[a-z]+)__[a-z_]+s")
PLAIN_NOUN = re.compile(r"(?!(?:fct|dim|stg|int|rpt|mart)_)[a-z][a-z0-9_]*")


@pytest.fixture(scope="module")
def models(dbt_manifest) -> list[dict]:
    return [n for n in dbt_manifest["nodes"].values() if n["resource_type"] == "model"]


def _layer(node: dict) -> str:
    return node["fqn"][1]


def test_staging_models_are_named_for_their_source_and_entities(models) -> None:
    wrong = [n["name"] for n in models if _layer(n) == "staging"
             and not ((m := STAGING.fullmatch(n["name"])) and m["source"] == n["fqn"][2])]
    assert wrong == []


def test_intermediate_models_start_with_int(models) -> None:
    assert [n["name"] for n in models
            if _layer(n) == "intermediate" and not n["name"].startswith("int_")] == []


def test_marts_are_plain_nouns_with_their_grain(models) -> None:
    served = [n for n in models if _layer(n) in {"marts", "annual_report"}]
    assert served
    assert [n["name"] for n in served if not PLAIN_NOUN.fullmatch(n["name"])] == []
    assert [n["name"] for n in served if "grain" not in n["description"].lower()] == []


def test_the_rule_is_checked_by_this_test() -> None:
    """Broken on purpose: the old names fail the rule."""
    assert not PLAIN_NOUN.fullmatch("fct_ledger_monthly")
    assert not PLAIN_NOUN.fullmatch("dim_accounts")
    assert not STAGING.fullmatch("stg_pas__waiting_list")


# The seeds that mirror a region's own code lists keep its (Swedish) column names; they are
# read once, by a staging model that names their columns in English (models/staging/reference).
REGION_CODE_SEEDS = {"activities", "chart_of_accounts", "cost_centres", "counterparties",
                     "occupations", "pay_types", "providers", "purchase_categories",
                     "waiting_kinds"}


def _seed_parents(node: dict) -> set[str]:
    return {p.split(".")[-1] for p in node["depends_on"]["nodes"] if p.startswith("seed.")}


def test_region_code_seeds_are_read_only_by_their_staging_model(models) -> None:
    staged = {seed for n in models if _layer(n) == "staging" for seed in _seed_parents(n)}
    assert staged >= REGION_CODE_SEEDS
    assert {n["name"]: sorted(_seed_parents(n) & REGION_CODE_SEEDS) for n in models
            if _layer(n) != "staging" and _seed_parents(n) & REGION_CODE_SEEDS} == {}
