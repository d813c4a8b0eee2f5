"""Load delivered extracts into the warehouse's `raw` schema.

A delivery is a folder `landing/<system>/<any name>/` holding a `manifest.json` and the files it
lists (norrlager.ingest.manifest). The unit of replacement is one entity of one period: all files
of that entity in the current delivery of the period are checked against the entity's contract
(norrlager.ingest.contracts) and their manifest, then replace the period's rows together in one
transaction, or none do. Which delivery of a period is current follows its `delivered_at`: an
older delivery is superseded and never loaded again, whatever its folder is called or which
periods a run is asked to load. Content identical to what is loaded (same files, same checksums,
same entity and period) is a no-op. Every failure, foreseen or not, is an `audit.quarantine` row
naming file, line and rule; the other deliveries still load. Person identifiers are replaced by
keyed pseudonyms (norrlager.ingest.pseudonym) before a row reaches `raw`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from norrlager.ingest import checks
from norrlager.ingest.audit import check_key, ensure_schema, log_load, quarantine
from norrlager.ingest.contracts import ENTITIES, Entity
from norrlager.ingest.discovery import current_deliveries, read_deliveries
from norrlager.ingest.errors import LoadError
from norrlager.ingest.landing import (
    LANDING_RULES,
    digest_fd,
    fd_path,
    max_file_bytes,
    open_in,
    read_all,
)
from norrlager.ingest.lock import warehouse_lock
from norrlager.ingest.manifest import MANIFEST, Delivery, FileEntry
from norrlager.ingest.pseudonym import PseudonymKey, load_key
from norrlager.ingest.raw_rows import typed_select

# A file whose checksum differs from its manifest's, or that the manifest lists but is not there
# yet, may still be on its way: worth another attempt. Every other rule is bad data.
TRANSIENT_RULES = {"file checksum", "file missing"}
# A file above the size limit is checked again on every load: the limit may have been raised.
RECHECKED_RULES = {"file too large"}


@dataclass
class LoadReport:
    loaded: list[tuple[str, int]] = field(default_factory=list)  # (file, rows)
    unchanged: list[str] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)  # older deliveries, never loaded
    rejected: list[LoadError] = field(default_factory=list)
    masked: list[tuple[str, int]] = field(default_factory=list)  # (file, rows masked)

    @property
    def transient(self) -> list[LoadError]:
        """Rejections a later attempt may not meet: a file still being written."""
        return [e for e in self.rejected if e.rule in TRANSIENT_RULES]

    @property
    def rows(self) -> int:
        return sum(n for _, n in self.loaded)

    def add(self, other: LoadReport) -> None:
        self.loaded += other.loaded
        self.unchanged += other.unchanged
        self.superseded += other.superseded
        self.rejected += other.rejected
        self.masked += other.masked


@dataclass
class _Checked:
    entry: FileEntry
    path: Path
    digest: str
    table: str  # temporary table of the file's fields
    masked: int = 0  # rows whose free text held an identity number (masked when inserted)


@dataclass
class _Passed:
    """One entity of one delivery that passed every check, waiting to be applied."""
    delivery: Delivery
    entity: Entity
    files: list[_Checked]
    key: str
    report: LoadReport  # of its group: filled in when applied

    @property
    def rows(self) -> int:
        return sum(c.entry.rows for c in self.files)


# Checked groups are applied together in one transaction once they hold this many rows (and at
# the end of the run); each group still replaces its period whole or not at all. A commit costs
# less per row in large batches: at scale 4 the commits took 12.5 thread-seconds of the load
# in batches of 400,000 rows and 8.7 in batches of 1.5 million. A batch's fields wait in memory,
# about 150 MB a million rows: 2 million keeps a worker's batch near 300 MB.
BATCH_ROWS = 2_000_000


class Loader:
    """One load run over one open warehouse connection."""

    def __init__(self, con: duckdb.DuckDBPyConnection, key: PseudonymKey) -> None:
        self.con, self.key = con, key
        self.report = LoadReport()  # of the group being loaded (run_group sets it)
        checks.create_temp_tables(con)
        # What is loaded and what was rejected, read once per run (not once per file).
        self.current = {(r[0], r[1], r[2]): (r[3], r[4]) for r in con.execute(
            """select system, entity, period, delivered_at,
                      list(file || ':' || sha256 order by file)
               from audit.load_log where status = 'loaded'
               group by system, entity, period, delivered_at""").fetchall()}
        self.rejections: dict[tuple[str, str], LoadError] = {}
        self.passed: list[_Passed] = []
        self.tables = 0  # temporary tables made, for unique names
        for sha, entity, *err in con.execute(
                """select manifest_sha256, entity, file, line, rule, message
                   from audit.quarantine where manifest_sha256 is not null
                   order by rejected_at desc""").fetchall():
            if err[2] not in TRANSIENT_RULES | RECHECKED_RULES:
                self.rejections[(sha, entity)] = LoadError(*err)

    def _current(self, d: Delivery, entity: Entity) -> tuple | None:
        return self.current.get((d.system, entity.name, d.period))

    def _known_rejection(self, d: Delivery, entity: Entity) -> LoadError | None:
        return self.rejections.get((d.manifest_sha256, entity.name))

    def load_group(self, d: Delivery, entity: Entity, entries: list[FileEntry]) -> None:
        """Load one entity of one delivery: its files together, or none of them."""
        paths = [d.folder / e.file for e in entries]
        # Opened once, without following links: hashed and checked from these descriptors, so
        # a file swapped for a link after the check is never what is read.
        opened: list[int] = []
        try:
            limit = max_file_bytes()
            for e in entries:
                opened.append(open_in(d.folder, e.file, limit, "the file")[0])
            contents = [read_all(fd, limit) for fd in opened]
            sources = [fd_path(fd, p) for fd, p in zip(opened, paths, strict=True)]
            self._load_opened(d, entity, entries, paths, contents, sources)
        finally:
            for fd in opened:
                os.close(fd)

    def _load_opened(self, d: Delivery, entity: Entity, entries: list[FileEntry],
                     paths: list[Path], contents: list[bytes], sources: list[str]) -> None:
        digests = [hashlib.sha256(data).hexdigest() for data in contents]
        for e, path, digest in zip(entries, paths, digests, strict=True):
            if digest != e.sha256:
                raise LoadError(str(path), None, "file checksum",
                                "the file's checksum differs from the manifest's: changed or "
                                "half-written after the manifest was made")
        content = sorted(f"{e.file}:{dg}" for e, dg in zip(entries, digests, strict=True))
        current = self._current(d, entity)
        if current and current[0] > d.delivered_at:
            self.report.superseded += [str(p) for p in paths]
            return
        if current and sorted(current[1]) == content:
            if current[0] < d.delivered_at:  # re-delivered unchanged: it is now the current one
                log_load(self.con, d, entity,
                         [(e, dg, 0) for e, dg in zip(entries, digests, strict=True)], None)
            self.report.unchanged += [e.file for e in entries]
            return
        if current and current[0] == d.delivered_at:
            raise LoadError(str(d.manifest_path), None, "delivery changed",
                            f"the delivery of {d.delivered_at} was loaded before with other "
                            "content: a correction must come as a new delivery with a later "
                            "delivered_at")
        known = self._known_rejection(d, entity)
        if known:  # quarantined once; named again, not quarantined again
            self.report.rejected.append(known)
            return
        checked: list[tuple[_Checked, str]] = []
        try:
            for e, p, dg, data, src in zip(entries, paths, digests, contents, sources,
                                           strict=True):
                checked.append(self._check_file(d, entity, e, p, dg, data, src))
        except Exception:
            self._drop([c for c, _ in checked])
            raise
        del contents
        keys = {c.table: k for c, k in checked}
        files = [c for c, _ in checked]
        if len(set(keys.values())) > 1:
            raise LoadError(str(files[-1].path), 2, "one period per delivery",
                            f"the files of {entity.name} hold different periods: "
                            f"{', '.join(sorted(set(keys.values())))}")
        try:
            checks.check_keys(self.con, entity, [(str(c.path), c.table) for c in files])
        except Exception:
            self._drop(files)
            raise
        self.passed.append(_Passed(d, entity, files, next(iter(keys.values())), self.report))
        if sum(p.rows for p in self.passed) >= BATCH_ROWS:
            self.apply_passed()

    def _check_file(self, d: Delivery, entity: Entity, entry: FileEntry, path: Path,
                    digest: str, data: bytes, source: str) -> tuple[_Checked, str]:
        file, con = str(path), self.con
        key, masked = checks.check_file(con, entity, path, d.period, data, source, entry)
        checks.check_manifest_totals(con, entity, file, entry)
        new = checks.check_identifiers(con, entity, file)
        if new:
            pairs = pd.DataFrame({"identifier": new, "pseudonym": [self.key.pseudonym(v)
                                                                   for v in new]})
            con.register("_new_pairs", pairs)
            con.execute("insert into _pseudonyms select identifier, pseudonym from _new_pairs")
            con.unregister("_new_pairs")
        self.tables += 1
        table = f"_fields_{self.tables}"
        con.execute(f"drop table if exists {table}")
        con.execute(f"alter table _fields rename to {table}")
        return _Checked(entry, path, digest, table, masked), key

    def _drop(self, files: list[_Checked]) -> None:
        for c in files:
            self.con.execute(f"drop table if exists {c.table}")

    def _apply(self, groups: list[_Passed]) -> None:
        """Replace each group's period rows and log its load: one transaction, all or nothing."""
        con = self.con
        con.execute("begin transaction")
        try:
            for g in groups:
                table = g.entity.table
                con.execute(f"delete from raw.{table} where _delivery_key = ?", [g.key])
                for c in g.files:
                    cols, joins = typed_select(g.entity, c.table, mask=c.masked > 0)
                    con.execute(f"""insert into raw.{table}
                        select {cols}, ? as _delivery_key, ? as _file, ? as _sha256,
                               {c.table}.line_no as _line_no,
                               current_localtimestamp() as _loaded_at
                        from {c.table} {joins}""",
                                [g.key, c.entry.file, c.digest])
                log_load(con, g.delivery, g.entity,
                         [(c.entry, c.digest, c.masked) for c in g.files], g.key)
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        for g in groups:
            g.report.loaded += [(c.entry.file, c.entry.rows) for c in g.files]
            g.report.masked += [(c.entry.file, c.masked) for c in g.files if c.masked]

    def apply_passed(self) -> None:
        """Apply the checked groups waiting, together. Should that fail, each group is applied
        on its own, so that only the one that cannot be applied is rejected."""
        groups, self.passed = self.passed, []
        try:
            self._apply(groups)
        except Exception:
            for g in groups:
                try:
                    self._apply([g])
                except Exception as e:
                    self._unexpected(e, g.delivery, g.entity, g.files[0].path, g.report)
        finally:
            for g in groups:
                self._drop(g.files)

    def run_group(self, d: Delivery, entity: Entity, entries: list[FileEntry],
                  report: LoadReport) -> None:
        """load_group, with every failure a quarantine row: nothing escapes as a crash. What
        happens to the group goes to `report`."""
        self.report = report
        try:
            self.load_group(d, entity, entries)
        except LoadError as err:
            self._reject(err, d, entity, report)
        except Exception as e:  # anything nobody foresaw is still a finding, not a crash
            self._unexpected(e, d, entity, d.folder / entries[0].file, report)

    def _unexpected(self, e: Exception, d: Delivery, entity: Entity, path: Path,
                    report: LoadReport) -> None:
        with contextlib.suppress(duckdb.Error):  # _apply rolled back already if it began
            self.con.execute("rollback")
        err = LoadError(str(path), None, "unexpected error",
                        f"the file could not be checked or applied ({type(e).__name__}: "
                        f"{str(e).splitlines()[0][:300]}); nothing of it was loaded")
        self._reject(err, d, entity, report)

    def _reject(self, err: LoadError, d: Delivery, entity: Entity, report: LoadReport) -> None:
        digest = None
        path = Path(err.file)
        if path.name != MANIFEST and err.rule not in LANDING_RULES:
            try:  # never through a link, never a file above the size limit
                fd, _st = open_in(path.parent, path.name, max_file_bytes(), "the file")
                digest = digest_fd(fd)
            except (LoadError, OSError, ValueError):
                digest = None
        quarantine(self.con, err, digest, d, entity)
        report.rejected.append(err)


# Files are checked and applied by this many workers at once, each with its own connection (and
# its own temporary tables): much of a file's checking is single-threaded, so two workers keep
# both cores of a small machine busy. Each entity delivery is still one worker's, whole.
WORKERS = min(2, os.cpu_count() or 1)


def load_threads(workers: int) -> int:
    """DuckDB's threads while `workers` check and apply files at once: its setting counts the
    thread that runs a statement, one per worker. One thread a core took a tenth less CPU than
    DuckDB's default at scale 4 on 2 cores (docs/performance.md)."""
    return max(1, (os.cpu_count() or 1) - workers + 1)


@contextlib.contextmanager
def _threads(con: duckdb.DuckDBPyConnection, n: int) -> Iterator[None]:
    """DuckDB's threads set to `n` for a while. The setting is the database's, shared with any
    other connection of this process to the same file, so it is put back."""
    before = con.execute("select current_setting('threads')").fetchall()[0][0]
    con.execute(f"set threads = {int(n)}")
    try:
        yield
    finally:
        con.execute(f"set threads = {int(before)}")


def _load_in_parallel(con: duckdb.DuckDBPyConnection, key: PseudonymKey,
                       groups: list[tuple[Delivery, str]], reports: list[LoadReport],
                       progress: Callable[[str], None], workers: int) -> None:
    """Check and apply every group (Loader.run_group), by `workers` threads taking the next group;
    what happens to group i goes to reports[i]."""
    queue = iter(range(len(groups)))
    lock = threading.Lock()
    done = [0]

    def work(loader: Loader) -> None:
        while True:
            with lock:
                i = next(queue, None)
            if i is None:
                break
            d, name = groups[i]
            loader.run_group(d, ENTITIES[f"{d.system}_{name}"], d.by_entity()[name], reports[i])
            with lock:
                done[0] += 1
                n = done[0]
            if n % 25 == 0:
                progress(f"  checked {n}/{len(groups)} entity deliveries")
        loader.apply_passed()

    cursors = [con.cursor() for _ in range(max(1, workers))]
    try:
        loaders = [Loader(c, key) for c in cursors]
        with ThreadPoolExecutor(len(loaders)) as pool:
            for future in [pool.submit(work, loader) for loader in loaders]:
                future.result()
    finally:
        for c in cursors:
            c.close()
    rows = sum(r.rows for r in reports)
    progress(f"  checked {len(groups)}/{len(groups)} entity deliveries ({rows:,} rows new, "
             f"{sum(len(r.unchanged) for r in reports)} files unchanged, "
             f"{sum(len(r.rejected) for r in reports)} rejected)")


def load_landing(warehouse: Path, landing: Path, progress: Callable[[str], None] = print,
                 systems: list[str] | None = None, up_to: str | None = None,
                 key: PseudonymKey | None = None, demo: bool = False,
                 rotate_key: bool = False, workers: int = WORKERS) -> LoadReport:
    """Load every new or corrected delivery (of the given systems, up to a period)."""
    key = key or load_key(demo=demo, progress=progress)
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    report = LoadReport()
    found, bad_manifests = read_deliveries(landing, systems, up_to)
    groups, superseded, ties = current_deliveries(found)
    with warehouse_lock(warehouse), duckdb.connect(str(warehouse)) as con:
        # Each batch of groups commits on its own (the WAL keeps it durable); checkpointing once
        # at the end instead of after every large file keeps a backfill's load time linear.
        con.execute("set checkpoint_threshold = '1GB'")
        ensure_schema(con)
        check_key(con, key, rotate=rotate_key)
        for err in bad_manifests + ties:
            known = con.execute("select count(*) from audit.quarantine where file = ? and "
                                "rule = ? and message = ?",
                                [err.file, err.rule, err.message]).fetchall()[0][0]
            if not known:
                quarantine(con, err, None)
            report.rejected.append(err)
        report.superseded += superseded
        per_group = [LoadReport() for _ in groups]
        with _threads(con, load_threads(workers)):
            _load_in_parallel(con, key, groups, per_group, progress, workers)
        for r in per_group:  # in the groups' order, whichever worker loaded them
            report.add(r)
        con.execute("checkpoint")
    return report
