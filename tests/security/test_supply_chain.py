"""Every dependency is locked with hashes and installed with hash checking: the lock files hold
each pin of pyproject.toml at its version, every package in them has a hash, and make installs
from them with --require-hashes."""

from __future__ import annotations

import re
import tomllib

import pytest

from norrlager.config import PROJECT_DIR

LOCKS = {"dev": PROJECT_DIR / "requirements" / "dev.lock",
         "spark": PROJECT_DIR / "requirements" / "spark.lock"}


def _pins() -> dict[str, list[str]]:
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    return {"dev": project["dependencies"] + extras["dev"],
            "spark": project["dependencies"] + extras["dev"] + extras["spark"]}


def _locked(lock: str) -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes)."""
    text = LOCKS[lock].read_text()
    out = {}
    entry = r"^([A-Za-z0-9_.\[\]-]+)==([^\s;\\]+)[^\n]*\\\n((?:\s+--hash=\S+[^\n]*\n)+)"
    for m in re.finditer(entry, text, re.MULTILINE):
        out[re.sub(r"\[.*\]", "", m.group(1)).lower().replace("_", "-")] = (
            m.group(2), m.group(3).count("--hash="))
    return out


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_every_pin_of_pyproject_is_locked_at_its_version(lock: str) -> None:
    locked = _locked(lock)
    for pin in _pins()[lock]:
        name, version = re.sub(r"\[.*\]", "", pin).split("==")
        key = name.lower().replace("_", "-")
        assert key in locked, f"{name} is not in {LOCKS[lock].name}: run make lock"
        assert locked[key][0] == version, f"{name}: pyproject {version}, lock {locked[key][0]}"


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_every_locked_package_has_a_hash(lock: str) -> None:
    text = LOCKS[lock].read_text()
    requirements = re.findall(r"^[A-Za-z0-9_.\[\]-]+==", text, re.MULTILINE)
    hashed = re.findall(r"^[A-Za-z0-9_.\[\]-]+==[^\n]*\\\n\s+--hash=sha256:[0-9a-f]{64}", text,
                        re.MULTILINE)
    assert len(requirements) > 100 and len(hashed) == len(requirements)


def test_make_installs_with_hash_checking_only() -> None:
    makefile = (PROJECT_DIR / "Makefile").read_text()
    installs = [line for line in makefile.splitlines() if "pip install" in line]
    assert installs and all("--require-hashes" in line or "--no-deps --no-build-isolation -e ."
                            in line for line in installs), installs
