"""The dbt project's shape, as dbt-project-evaluator's rules and the report layer want it: small
models, few parents, no rejoining of upstream concepts, no year literal, and the report's
labels only in the layout seed."""

from __future__ import annotations

import csv
import re

import pytest

from norrlager.config import PROJECT_DIR

MODELS = sorted((PROJECT_DIR / "models").rglob("*.sql"))


@pytest.fixture(scope="module")
def dag(dbt_manifest) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Each model's parents (models, seeds, sources) and each node's child models."""
    manifest = dbt_manifest
    parents = {uid: {p for p in node["depends_on"]["nodes"]
                     if p.split(".")[0] in {"model", "seed", "source"}}
               for uid, node in manifest["nodes"].items() if node["resource_type"] == "model"}
    children: dict[str, set[str]] = {}
    for child, ps in parents.items():
        for p in ps:
            children.setdefault(p, set()).add(child)
    return parents, children


def test_no_model_has_more_than_ten_parents(dag) -> None:
    parents, _ = dag
    assert {m.split(".")[-1]: len(ps) for m, ps in parents.items() if len(ps) > 10} == {}


def test_no_model_rejoins_an_upstream_concept(dag) -> None:
    """A model reading A and B where B reads A and feeds only that model: B should not exist
    on its own (dbt-project-evaluator's fct_rejoining_of_upstream_concepts)."""
    parents, children = dag
    # The report's layout is read by every model that names a line (for its labels), as a
    # dimension is: reading it twice is no rejoined concept.
    layout = "seed.norrlager.report_lines"
    rejoins = [(a, b, c) for c, ps in parents.items() for b in ps
               if b in parents and children.get(b) == {c}
               for a in ps if a not in {b, layout} and a in parents[b]]
    assert rejoins == []


def test_no_model_file_is_over_250_lines() -> None:
    long = {str(p.relative_to(PROJECT_DIR)): n for p in MODELS
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 250}
    assert long == {}


def test_no_model_names_a_year() -> None:
    """Years come from vars (report_year, first_year, the systems' years), not from SQL."""
    year = re.compile(r"\b20(1[89]|2\d)\b")
    found = {str(p.relative_to(PROJECT_DIR)): m.group(0) for p in MODELS
             if (m := year.search(p.read_text(encoding="utf-8")))}
    assert found == {}


def test_no_model_writes_a_printed_label() -> None:
    """A printed label lives only in seed report_lines: the report layer writes its lines with
    printed() and the marts carry codes, so rewording a line in the seed rewords it everywhere.
    It also catches a model filtering `line = '<label>'`, which would break when the label is
    reworded. (Dimension names, such as a committee or a care type, come from their own seeds.)"""
    with (PROJECT_DIR / "seeds" / "report_lines.csv").open(encoding="utf-8") as f:
        labels = {r["label"] for r in csv.DictReader(f)}
    # Comments, and the codes passed to printed(), are not labels; nor is a value a column other
    # than a line's is compared with (care_type = 'Primärvård' is the PAS's care type, data).
    comment = re.compile(r"\{#.*?#\}|--[^\n]*|printed(?:_sex)?\([^)]*\)|"
                         r"\b(?!line\b|label\b)\w+ = '[^']*'", re.S)
    found = {(str(p.relative_to(PROJECT_DIR)), literal) for p in MODELS
             for literal in re.findall(r"'([^']+)'", comment.sub("", p.read_text(encoding="utf-8")))
             if literal in labels}
    assert found == set()
