"""The rules every delivered file must pass before anything of it is loaded.

Each rule runs as SQL over the file's rows in a temporary table `_fields(line_no, c1, ..)` and
reports the first offending line, so an error names the file, the line and the rule.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd

from norrlager.config import region_size
from norrlager.ingest import identity
from norrlager.ingest.contracts import Entity
from norrlager.ingest.errors import LoadError
from norrlager.ingest.manifest import SIE_FORMAT, FileEntry
from norrlager.ingest.reading import columns_of_lists, field, read_fields
from norrlager.ingest.sources.sie.ledger import read_ledger_sie
from norrlager.reference import read_seed

# The patterns bound the digits to what the column types hold (integer: 32 bits, checked again
# by try_cast; decimal(18, 2): 16 digits before the comma; decimal(18, 4): 14), so no cast fails.
PATTERNS = {
    "integer": r"-?[0-9]{1,10}",
    "decimal": r"-?[0-9]{1,16}(,[0-9]{1,2})?",
    "weight": r"-?[0-9]{1,14}(,[0-9]{1,4})?",
    "date": r"[0-9]{4}-[0-9]{2}-[0-9]{2}",
    "period": r"[0-9]{4}-(0[1-9]|1[0-2])",
}
DESCRIPTION = {
    "integer": "a whole number",
    "decimal": "an amount with decimal comma and at most two decimals (e.g. 1234,50)",
    "weight": "a number with decimal comma and at most four decimals (e.g. 1,2345)",
    "date": "an ISO date (YYYY-MM-DD)",
    "period": "a period YYYY-MM",
}
# The code lists a delivered column may be checked against (contracts.Entity.references):
# name -> (seed, column of the seed holding the codes).
REFERENCE_CODES = {"chart_of_accounts": ("chart_of_accounts", "konto"),
                   "cost_centres": ("cost_centres", "ansvar"),
                   "activities": ("activities", "verksamhet"),
                   "counterparties": ("counterparties", "motpart"),
                   "providers": ("providers", "leverantor_id"),
                   "occupations": ("occupations", "yrkeskod"),
                   "pay_types": ("pay_types", "lonart"),
                   "divisions": ("cost_centres", "division"),
                   "follow_up_lines": ("follow_up_lines", "line_code")}


def typed_expr(f: str, name: str, typ: str, free_text: bool = False) -> str:
    """The typed value of a checked field `f` (a text) as column `name`; free text with any
    identity number in it masked."""
    if free_text:
        return f"nullif({identity.mask_sql(f)}, '') as {name}"
    if typ == "integer":
        return f"cast(nullif({f}, '') as integer) as {name}"
    if typ == "decimal":
        return f"cast(nullif(replace({f}, ',', '.'), '') as decimal(18, 2)) as {name}"
    if typ == "weight":
        return f"cast(nullif(replace({f}, ',', '.'), '') as decimal(18, 4)) as {name}"
    if typ == "date":
        return f"cast(nullif({f}, '') as date) as {name}"
    return f"nullif({f}, '') as {name}"


def first(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> tuple | None:
    """The first row of a query (of at most a few rows), its result fully consumed."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


def _plausibility(entity: Entity, name: str, typ: str, f: str,
                  period: str) -> list[tuple[str, str, str]]:
    """Rules beyond the type: ranges, amount ceilings, dates inside the delivered period."""
    out = []
    ranges = {c: (lo, hi) for c, lo, hi in entity.ranges}
    if name in ranges:
        lo, hi = ranges[name]
        out.append(("out of range", f"try_cast({f} as bigint) not between {lo} and {hi}",
                    f"column '{name}' must lie between {lo} and {hi}"))
    if name == entity.amount_column and entity.amount_ceiling:
        ceiling = round(entity.amount_ceiling * max(1.0, region_size()))
        out.append(("implausible amount",
                    f"abs(try_cast(replace({f}, ',', '.') as decimal(18, 2))) > {ceiling}",
                    f"column '{name}' is larger than {ceiling:,} SEK either sign, "
                    "the most one line of this extract can hold (a decimal comma missing?)"))
    if entity.period_column == "period" and name in entity.in_period:
        out.append(("date outside period", f"left({f}, 7) <> '{period}'",
                    f"column '{name}' must be a date in the delivered period {period}"))
    if entity.period_column == "period" and name in entity.not_after_period:
        out.append(("date outside period", f"left({f}, 7) > '{period}'",
                    f"column '{name}' must not be after the delivered period {period}"))
    return out


def _type_conditions(entity: Entity, period: str) -> list[tuple[str, str, str]]:
    """Per column, in order: (rule, condition of a failing row, message)."""
    out = []
    for i, (name, typ) in enumerate(entity.columns):
        f = field(i)
        optional = name in entity.optional
        if not optional:
            out.append(("missing value", f"coalesce({f}, '') = ''", f"column '{name}' is empty"))
        rules = []
        if typ in PATTERNS:
            cond = f"not regexp_full_match({f}, '{PATTERNS[typ]}')"
            if typ == "date":
                cond += f" or try_cast({f} as date) is null"
            if typ == "integer":
                cond += f" or try_cast({f} as integer) is null"
            rules.append((f"bad {typ}", cond, f"column '{name}' must be {DESCRIPTION[typ]}"))
        rules += _plausibility(entity, name, typ, f, period)
        for rule, cond, message in rules:
            out.append((rule, f"{f} <> '' and ({cond})" if optional else cond, message))
    return out


def shown(entity: Entity, name: str, value: str) -> str:
    """A value for a message, unless it is personal data (messages are read widely)."""
    if name in entity.identifiers or name in entity.dropped:
        return "(not shown: personal data)"
    return f"'{value}'"


def check_types(con, entity: Entity, file: str, period: str) -> int:
    """Every value has its declared type and a plausible value, and no text column but the free
    text holds an identity number. One scan of the file finds the first failing line of every
    rule; the error reports the first column's, as a column-by-column check would. Returns how
    many rows hold an identity number in their free text (masked when inserted)."""
    conditions = _type_conditions(entity, period)
    in_text = _identity_number_conditions(entity)
    # The text columns are tested as one condition: a filtered aggregate per column costs more
    # than the test itself, and a hit (rare) is looked up column by column below.
    any_in_text = " or ".join(cond for _, cond, _ in in_text) or "false"
    free = " or ".join(_typed_identity_number(entity, n) for n in entity.free_text) or "false"
    *firsts, in_text_line, masked = first(con, "select " + ", ".join(
        f"min(line_no) filter (where {cond})" for _, cond, _ in conditions)
        + f", min(line_no) filter (where {any_in_text}), count(*) filter (where {free}) "
        "from _fields")
    if in_text_line is not None and all(line is None for line in firsts):
        firsts = first(con, "select " + ", ".join(
            f"min(line_no) filter (where {cond})" for _, cond, _ in in_text) + " from _fields")
        conditions = in_text
    names = entity.column_names
    for (rule, _cond, message), line in zip(conditions, firsts, strict=True):
        if line is None:
            continue
        if rule in ("missing value", "identity number in text"):  # no value is shown
            raise LoadError(file, line, rule, message)
        name = message.split("'")[1]
        value = first(con, f"select {field(names.index(name))} from _fields where line_no = ?",
                      [line])[0]
        raise LoadError(file, line, rule, f"{message}, found {shown(entity, name, value)}")
    return int(masked)


def _invalid_identity_number(v: str) -> str:
    """SQL: true where the text `v` is not a well-formed personal identity number (the rules of
    norrlager.ingest.identity, set-wise: format, birth date with 60 added for co-ordination
    numbers, Luhn check digit over YYMMDDNNN)."""
    digits = [f"cast(substr({v}, {p}, 1) as integer)" for p in (3, 4, 5, 6, 7, 8, 10, 11, 12)]
    doubled = [f"(2 * {d} - 9 * ({d} >= 5)::integer)" if i % 2 == 0 else d
               for i, d in enumerate(digits)]
    day = f"cast(substr({v}, 7, 2) as integer)"
    birth = (f"try_cast(substr({v}, 1, 4) || '-' || substr({v}, 5, 2) || '-' || "
             f"lpad(cast(case when {day} > 60 then {day} - 60 else {day} end as varchar), 2, "
             "'0') as date)")
    luhn = f"(10 - ({' + '.join(doubled)}) % 10) % 10 <> cast(substr({v}, 13, 1) as integer)"
    return (f"case when not regexp_full_match({v}, '{identity.FORMAT.pattern}') then true "
            f"when {birth} is null then true else {luhn} end")


def check_identifiers(con, entity: Entity, file: str) -> list[str]:
    """Every personal identity number is well formed (format, birth date, check digit), checked
    in one set-wise pass over the distinct values not yet in the temporary table `_pseudonyms`;
    the first bad one is explained by norrlager.ingest.identity. Returns the new values."""
    names = entity.column_names
    new: list[str] = []
    for column in entity.identifiers:
        f = field(names.index(column))
        # An anti join: `not in (subquery)` must mind NULLs, and is several times slower.
        con.execute(f"""create or replace temp table _new_identifiers as
            select distinct {f} as v from _fields anti join _pseudonyms on identifier = {f}
            where {f} <> ''""")
        # The new values are few next to the rows: the file is scanned for a line only when
        # one of them is bad.
        invalid = f"select v from _new_identifiers where {_invalid_identity_number('v')}"
        if first(con, f"{invalid} limit 1"):
            bad = first(con, f"""select min(line_no), {f} from _fields where {f} in ({invalid})
                group by {f} order by 1 limit 1""")
            why = identity.problem(bad[1]) or "is not a valid personal identity number"
            raise LoadError(file, bad[0], "personal identity number",
                            f"column '{column}' {why} (value not shown: personal data)")
        new += [v for (v,) in con.execute("select v from _new_identifiers").fetchall()]
    return new


def text_columns(entity: Entity) -> list[str]:
    """The text columns that may hold whatever a person typed: every varchar column but the
    identifiers (checked as such) and the dropped ones (never stored)."""
    return [n for n, t in entity.columns
            if t == "varchar" and n not in entity.identifiers and n not in entity.dropped]


def _typed_identity_number(entity: Entity, name: str) -> str:
    return identity.in_text_sql(field(entity.column_names.index(name)))


def _identity_number_conditions(entity: Entity) -> list[tuple[str, str, str]]:
    """No identity number in a text column outside the identifiers and the free text: such a
    value (a code, a key) cannot be masked without changing what it identifies, so it rejects
    the file. Free text is masked instead (typed_expr) and counted (check_types)."""
    return [("identity number in text", _typed_identity_number(entity, name),
             f"column '{name}' holds a value shaped like a personal identity number; only the "
             f"identifier columns ({', '.join(entity.identifiers) or 'none'}) may")
            for name in text_columns(entity) if name not in entity.free_text]


def create_temp_tables(con) -> None:
    """The reference codes, and the run's identity number -> pseudonym pairs: temporary
    tables, in memory for the life of the load's connection only, never in the warehouse."""
    create_reference_tables(con)
    con.execute("create or replace temp table _pseudonyms (identifier varchar not null, "
                "pseudonym varchar not null)")


def create_reference_tables(con) -> None:
    """The codes of every reference list as temporary tables `_ref_<name>`, once per load."""
    for name, (seed, key) in REFERENCE_CODES.items():
        codes = pd.DataFrame({"v": sorted({r[key] for r in read_seed(seed)})})
        con.register("_codes", codes)
        con.execute(f"create or replace temp table _ref_{name} as select v from _codes")
        con.unregister("_codes")


def check_references(con, entity: Entity, file: str) -> None:
    names = entity.column_names
    for column, name in entity.references:
        ref = f"_ref_{name}"
        seed, key = REFERENCE_CODES[name]
        f = field(names.index(column))
        blank = f" and {f} <> ''" if column in entity.optional else ""
        bad = first(con, f"select line_no, {f} from _fields where {f} not in (select v from {ref})"
                         f"{blank} order by line_no limit 1")
        if bad:
            raise LoadError(file, bad[0], f"unknown {column}",
                            f"{shown(entity, column, bad[1])} is not a {key} of the reference "
                            f"seed {seed}.csv")


def check_period(con, entity: Entity, file: str, period: str) -> str:
    """One delivery holds one period. Returns the delivery key that a re-delivery replaces."""
    names = entity.column_names
    col = entity.period_column
    f = field(names.index(col))
    keys = con.execute(f"select distinct {f} from _fields limit 2").fetchall()
    if not keys:  # a header-only file: an empty month is a valid delivery
        key = entity.period_key(period)
        if key is None:
            raise LoadError(file, None, "empty file",
                            f"an empty {entity.table} file cannot say which {col} it replaces")
        return key
    if len(keys) != 1:
        line = first(con, f"select line_no from _fields where {f} <> "
                          f"(select {f} from _fields order by line_no limit 1) "
                          "order by line_no limit 1")
        raise LoadError(file, line[0] if line else None, "one period per file",
                        f"column '{col}' holds more than one value")
    key = str(keys[0][0])
    if col == "ar" and key != period[:4]:
        raise LoadError(file, 2, "period of delivery",
                        f"rows are for the year {key}, the manifest delivers {period}")
    if col == "period" and key != period:
        raise LoadError(file, 2, "period of delivery",
                        f"rows are for period {key}, the manifest delivers {period}")
    return key


def check_balanced(con, entity: Entity, file: str) -> None:
    if not entity.balanced_by:
        return
    names = entity.column_names
    v = field(names.index(entity.balanced_by))
    a = field(names.index(entity.amount_column))
    bad = first(con, f"""
        select min(line_no), {v}, sum(cast(replace({a}, ',', '.') as decimal(18, 2))) as s
        from _fields group by {v} having s <> 0 order by 1 limit 1""")
    if bad:
        raise LoadError(file, bad[0], "unbalanced verification",
                        f"verification {bad[1]} does not balance: its rows add up to {bad[2]}")


def check_manifest_totals(con, entity: Entity, file: str, entry: FileEntry) -> None:
    rows, debit, credit = control_sums(con, entity)
    if rows != entry.rows:
        raise LoadError(file, None, "manifest row count",
                        f"the file has {rows} rows, the manifest says {entry.rows}")
    if not entity.amount_column:
        return
    for name, got, want in (("debit", debit, entry.debit), ("credit", credit, entry.credit)):
        if want is None or got != want:
            raise LoadError(file, None, f"manifest {name} sum",
                            f"the file's {name} amounts add up to {got}, the manifest says {want}")


def check_keys(con, entity: Entity, tables: list[tuple[str, str]]) -> None:
    """No business key twice in the files of one entity and period. `tables` holds, per file of
    the delivery, (file, temporary table of its fields). The error names both lines."""
    if not entity.key:
        return
    names = entity.column_names
    cols = [field(names.index(c)) for c in entity.key]
    k = cols[0] if len(cols) == 1 else f"row({', '.join(cols)})"  # a struct hashes slower
    union = " union all ".join(
        f"select {i} as file_no, line_no, {k} as k from {t}" for i, (_f, t) in enumerate(tables))
    # A hash aggregate finds a repeated key in one scan; only then are the lines looked up.
    if not first(con, f"select 1 from ({union}) group by k having count(*) > 1 limit 1"):
        return
    # The repeat that comes first in the delivery, with the line it repeats: one window over
    # the rows, however many repeats there are.
    file_no, line, key, first_file, first_line = first(con, f"""with keyed as ({union}),
        ranked as (
            select file_no, line_no, k,
                   lag(file_no) over by_key as first_file, lag(line_no) over by_key as first_line,
                   row_number() over by_key as n
            from keyed window by_key as (partition by k order by file_no, line_no))
        select file_no, line_no, k, first_file, first_line from ranked where n = 2
        order by file_no, line_no limit 1""")
    key = key if isinstance(key, tuple) else (key,)  # one key column: no struct
    where = (f"line {first_line}" if first_file == file_no
             else f"line {first_line} of {tables[first_file][0]}")
    value = (" (values not shown: personal data)"
             if set(entity.key) & set(entity.identifiers) else f" = {tuple(key)}")
    raise LoadError(tables[file_no][0], line, "duplicate key",
                    f"({', '.join(entity.key)}){value} is also on {where}")


def check_file(con, entity: Entity, path: Path, period: str, data: bytes | None = None,
               source: str | None = None, entry: FileEntry | None = None) -> tuple[str, int]:
    """Every rule of one file that needs neither its manifest nor the other files of its
    delivery, leaving its fields in `_fields`. Returns the delivery key its rows replace and
    how many rows hold an identity number in their free text (masked when inserted).
    `source`: where DuckDB reads the file (the opened descriptor's path), if not `path`.
    `entry`: the manifest's entry, which may declare the file a SIE 4 file."""
    file = str(path)
    if entry is not None and entry.format == SIE_FORMAT:
        read_ledger_sie(con, entity, path.read_bytes() if data is None else data, file,
                        entry.encoding)
        columns_of_lists(con, "_sie_fields", len(entity.columns), file)
    else:
        read_fields(con, Path(source or path), entity.encoding, file, entity.column_names, data)
    key = check_period(con, entity, file, period)
    masked = check_types(con, entity, file, period)
    check_references(con, entity, file)
    check_balanced(con, entity, file)
    return key, masked


def control_sums(con, entity: Entity) -> tuple[int, Decimal | None, Decimal | None]:
    """Rows and the debit and credit sums of the amount column of the file in `_fields`."""
    rows = first(con, "select count(*) from _fields")[0]
    if not entity.amount_column:
        return rows, None, None
    a = field(entity.column_names.index(entity.amount_column))
    debit, credit = first(con, f"""
        with amounts as (select cast(replace({a}, ',', '.') as decimal(18, 2)) as x from _fields)
        select coalesce(sum(x) filter (where x > 0), 0),
               coalesce(-sum(x) filter (where x < 0), 0) from amounts""")
    return rows, Decimal(debit), Decimal(credit)
