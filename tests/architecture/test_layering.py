"""The package by concern, imports running one way (down this list):

    norrlager.cli, norrlager.bench        the command line and the benchmark
    norrlager.orchestrate                 the demo pipeline, the schedule, the service, summaries
    flows                                 the Prefect flow itself
    transform | quality | serve           dbt and Spark | validation and privacy | publishing
    norrlager.ingest                      the boundary: contracts, readers, loader, pseudonyms
    config, reference, sqltext            settings, the reference seeds, SQL text

The three middle packages do not import one another. The simulator (norrlager.simulate) builds on
ingest and the base only, and only the command line, the demo pipeline and the benchmark import
it. Imports inside functions count too. Why the flow sits below orchestrate: the demo pipeline and
the schedule run and read the flow, and the flow needs none of them.
"""

from __future__ import annotations

import ast
from pathlib import Path

from norrlager.config import PROJECT_DIR

LAYERS = [  # (rank, module prefixes): a module may import its own rank or lower
    (6, ("norrlager.cli", "norrlager.bench")),
    (5, ("norrlager.orchestrate",)),
    (4, ("flows",)),
    (3, ("norrlager.transform", "norrlager.quality", "norrlager.serve")),
    (2, ("norrlager.ingest",)),
    (1, ("norrlager.config", "norrlager.reference", "norrlager.sqltext", "norrlager")),
]
SIMULATOR = "norrlager.simulate"
MAY_IMPORT_SIMULATOR = ("norrlager.cli", "norrlager.bench", "norrlager.orchestrate.pipeline")


def _package(module: str) -> str:
    """The concern a module belongs to: its prefix in LAYERS (the longest that matches)."""
    best = ""
    for _rank, prefixes in LAYERS:
        for p in prefixes:
            if (module == p or module.startswith(p + ".")) and len(p) > len(best):
                best = p
    if module == SIMULATOR or module.startswith(SIMULATOR + "."):
        return SIMULATOR
    return best


def _rank(module: str) -> int:
    package = _package(module)
    if package == SIMULATOR:
        return 0
    return next(rank for rank, prefixes in LAYERS if package in prefixes)


def _modules() -> dict[str, Path]:
    out = {}
    for root in ("norrlager", "flows"):
        for path in sorted((PROJECT_DIR / root).rglob("*.py")):
            parts = path.relative_to(PROJECT_DIR).with_suffix("").parts
            out[".".join(p for p in parts if p != "__init__")] = path
    return out


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import of norrlager or flows, at any depth of the file."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            out += [(node.lineno, n) for n in names if n.split(".")[0] in ("norrlager", "flows")]
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names
                    if a.name.split(".")[0] in ("norrlager", "flows")]
    return out


def layering_violations(modules: dict[str, Path] | None = None) -> list[str]:
    modules = modules or _modules()
    problems = []
    for module, path in modules.items():
        here = _package(module)
        for line, target in _imports(path):
            if target not in modules:  # `from x import name` of a function, not a module
                continue
            there = _package(target)
            shown = path.relative_to(PROJECT_DIR) if path.is_relative_to(PROJECT_DIR) else path
            where = f"{shown}:{line} imports {target}"
            if there == SIMULATOR and here != SIMULATOR:
                if not module.startswith(MAY_IMPORT_SIMULATOR):
                    problems.append(f"{where}: only the CLI, the demo pipeline and the bench "
                                    "may use the simulator")
                continue
            if here == SIMULATOR:
                if _rank(target) > 2 and there != SIMULATOR:
                    problems.append(f"{where}: the simulator builds on ingest and the base only")
                continue
            if _rank(target) > _rank(module):
                problems.append(f"{where}: against the direction ({here} is below {there})")
            elif _rank(target) == _rank(module) == 3 and there != here:
                problems.append(f"{where}: transform, quality and serve are peers")
    return problems


def test_imports_run_one_way() -> None:
    assert layering_violations() == []


def test_the_layering_test_fails_on_an_import_against_the_direction(tmp_path: Path) -> None:
    """Broken once on purpose: ingest importing the publisher is reported."""
    bad = tmp_path / "loader.py"
    bad.write_text("from norrlager.serve.publish import publish\n")
    modules = _modules() | {"norrlager.ingest.loader": bad}
    [problem] = layering_violations(modules)
    assert "against the direction" in problem


def test_no_module_over_400_lines() -> None:
    long = [f"{path.relative_to(PROJECT_DIR)}: {n}" for path in _modules().values()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400]
    assert long == []


def test_no_class_over_200_lines() -> None:
    long = [f"{path.relative_to(PROJECT_DIR)}:{node.lineno} {node.name}: {n}"
            for path in _modules().values()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.ClassDef)
            and (n := node.end_lineno - node.lineno + 1) > 200]
    assert long == []


def import_cycles(modules: dict[str, Path] | None = None) -> list[list[str]]:
    """Every cycle of module imports (type-checking imports too: they tie the modules as much)."""
    modules = modules or _modules()
    graph = {m: sorted({t for _, t in _imports(p) if t in modules and t != m})
             for m, p in modules.items()}
    cycles, state = [], {}  # state: 1 on the current path, 2 done

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for t in graph[m]:
            if state.get(t) == 1:
                cycles.append([*path[path.index(t):], t])
            elif t not in state:
                visit(t, [*path, t])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    return cycles


def test_no_import_cycle() -> None:
    assert import_cycles() == []


def test_the_cycle_test_finds_a_cycle(tmp_path: Path) -> None:
    """Broken once on purpose: the invoice system importing the ledger that books it."""
    bad = tmp_path / "lines.py"
    bad.write_text("from norrlager.simulate.ledger.lines import LedgerSimulator\n")
    modules = _modules() | {"norrlager.simulate.invoices.lines": bad}
    assert any("norrlager.simulate.invoices.lines" in c for c in import_cycles(modules))
