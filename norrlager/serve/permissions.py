"""Least privilege on disk: what Norrlager writes is its owner's alone, except the serving tree.

Every entry point (the command line, the Prefect flow) sets the umask to 077 before it writes,
so the warehouse, the key, landing written by the simulator, dbt's target and logs, Data Docs and
the row-level deliveries are created 0600 (folders 0700), whatever tool writes them. The serving
tree (the serving database, its Parquet exports, the report and the docs site) is what BI reads:
with NORRLAGER_SERVING_GROUP set to the BI service account's group it is given to that group,
read-only (files 0640, folders 0750), and the folders above it inside the warehouse folder are
made passable (0710) but not listable; without it, the serving tree is private like the rest.

`secure_tree` also tightens what an older Norrlager (or a hand-made copy) left readable.
"""

from __future__ import annotations

import grp
import os
import stat
from pathlib import Path

GROUP_ENV = "NORRLAGER_SERVING_GROUP"
PRIVATE_UMASK = 0o077


def private_by_default() -> None:
    """From now on, files this process (and its children) create are its owner's only."""
    os.umask(PRIVATE_UMASK)


def serving_group() -> int | None:
    """The group that may read the serving tree (NORRLAGER_SERVING_GROUP: a name or a gid),
    or None: the serving tree is private too."""
    value = os.environ.get(GROUP_ENV, "").strip()
    if not value:
        return None
    try:
        return int(value) if value.isdigit() else grp.getgrnam(value).gr_gid
    except KeyError:
        raise ValueError(f"{GROUP_ENV}={value!r} is no group on this machine") from None


def _apply(path: Path, is_dir: bool, group: int | None, passable: bool = False) -> None:
    if group is None:
        mode = 0o700 if is_dir else 0o600
    else:
        mode = (0o710 if passable else 0o750) if is_dir else 0o640
        if os.stat(path).st_gid != group:
            os.chown(path, -1, group)
    os.chmod(path, mode)


def secure_tree(root: Path, group: int | None = None, skip: Path | None = None) -> int:
    """Every file and folder under `root` (and root) private, or readable by `group` only;
    `skip`: a folder below root left as it is. Links are not followed. Returns how many entries
    were set."""
    if not root.exists() or root.is_symlink():
        return 0
    if root.is_file():
        _apply(root, False, group)
        return 1
    skipped = skip.resolve() if skip else None
    n = 0
    for folder, dirs, files in os.walk(root, followlinks=False):
        _apply(Path(folder), True, group)
        n += 1
        dirs[:] = [d for d in dirs if not os.path.islink(Path(folder) / d)
                   and (Path(folder) / d).resolve() != skipped]
        for name in files:
            path = Path(folder) / name
            if stat.S_ISREG(os.lstat(path).st_mode):
                _apply(path, False, group)
                n += 1
    return n


def serving_root(serving: Path) -> Path:
    """The serving tree: the folder of the serving database (with parquet/, report/, docs/)."""
    return serving.parent


def share_serving(path: Path, serving: Path, warehouse_dir: Path) -> None:
    """Give a path of the serving tree (a file or folder about to be swapped in) to the serving
    group, read-only, before it is swapped in, so that BI never meets an unreadable file; the
    folders up to the tree's root listable by the group, and those above it inside the warehouse
    folder passable only. Private when no group is set."""
    group = serving_group()
    secure_tree(path, group)
    if group is None:
        return
    root = serving_root(serving).resolve()
    folder = path.resolve().parent
    while folder == root or root in folder.parents:
        _apply(folder, True, group)
        folder = folder.parent
    wh = warehouse_dir.resolve()
    while folder == wh or wh in folder.parents:
        _apply(folder, True, group, passable=True)
        folder = folder.parent


def secure_outputs(warehouse: Path, serving: Path) -> int:
    """After a refresh: everything in the warehouse folder private, the serving tree readable
    by the serving group (if set). Returns how many entries were set."""
    root = serving_root(serving)
    inside = root.resolve().is_relative_to(warehouse.parent.resolve())
    n = secure_tree(warehouse.parent, None, skip=root if inside else None)
    if root.exists():
        share_serving(root, serving, warehouse.parent)
    return n
