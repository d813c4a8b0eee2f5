"""The README is a guide of at most 250 lines, and the concrete claims in it that drift are
checked against the code: the subcommands, the served schemas, the layout, the pages it sends
readers to."""

from __future__ import annotations

import re

from norrlager.cli import parser
from norrlager.config import PROJECT_DIR
from norrlager.serve.publish import BI_SCHEMAS

README = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")


def test_the_readme_is_a_guide_of_at_most_250_lines() -> None:
    assert len(README.splitlines()) <= 250


def test_it_lists_every_subcommand_and_no_other() -> None:
    listed = re.search(r"\(subcommands ([^)]*)\)", README)
    assert listed, "the README names the subcommands"
    named = set(re.findall(r"`([a-z-]+)`", listed.group(1)))
    actions = [a for a in parser()._actions if a.__class__.__name__ == "_SubParsersAction"]
    assert named == set(actions[0].choices)


def test_it_names_every_served_schema_and_no_other() -> None:
    sentence = re.search(r"The served schemas are (.*?);", README, re.S)
    assert sentence, "the README names the served schemas"
    assert set(re.findall(r"`([a-z_]+)`", sentence.group(1))) - {"national_reporting"} \
        == set(BI_SCHEMAS)


def test_its_layout_and_pages_exist() -> None:
    layout = README.split("## Layout", 1)[1].split("```")[1]
    for folder in re.findall(r"^\s*([a-z_]+)/\s", layout, re.M):
        assert (PROJECT_DIR / folder).is_dir() or (PROJECT_DIR / "norrlager" / folder).is_dir(), \
            folder
    for page in re.findall(r"`((?:docs/[a-z-]+|SECURITY|CHANGELOG)\.md)`", README):
        assert (PROJECT_DIR / page).is_file(), page
