"""The rules every delivered file must pass before anything of it is loaded.

Each rule runs as SQL over the file's lines in a temporary table `_lines(line_no, raw)` and
reports the first offending line, so an error names the file, the line and the rule.
"""

from __future__ import annotations

import duckdb

from norrlager.contracts import Entity
from norrlager.reference import read_seed

PATTERNS = {
    "integer": r"-?[0-9]+",
    "decimal": r"-?[0-9]+(,[0-9]{1,2})?",
    "weight": r"-?[0-9]+(,[0-9]{1,4})?",
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
SEED_KEYS = {"chart_of_accounts": "konto", "cost_centres": "ansvar", "activities": "verksamhet",
             "counterparties": "motpart", "providers": "leverantor_id",
             "occupations": "yrkeskod", "pay_types": "lonart"}


class LoadError(Exception):
    """A delivered file broke a rule. Names the file, the line (1 = header) and the rule."""

    def __init__(self, file: str, line: int | None, rule: str, message: str) -> None:
        self.file, self.line, self.rule, self.message = file, line, rule, message
        where = f"{file}, line {line}" if line else file
        super().__init__(f"{where}: [{rule}] {message}")


def field(i: int) -> str:
    return f"fields[{i + 1}]"


def typed_expr(name: str, typ: str, i: int) -> str:
    f = field(i)
    if typ == "integer":
        return f"cast({f} as integer) as {name}"
    if typ == "decimal":
        return f"cast(nullif(replace({f}, ',', '.'), '') as decimal(18, 2)) as {name}"
    if typ == "weight":
        return f"cast(nullif(replace({f}, ',', '.'), '') as decimal(18, 4)) as {name}"
    if typ == "date":
        return f"cast(nullif({f}, '') as date) as {name}"
    return f"nullif({f}, '') as {name}"


def first(con: duckdb.DuckDBPyConnection, sql: str) -> tuple | None:
    return con.execute(sql).fetchone()


def check_header(con, entity: Entity, file: str) -> None:
    header = first(con, "select raw from _lines where line_no = 1")
    expected = ";".join(entity.column_names)
    if header is None:
        raise LoadError(file, None, "empty file", "the file has no header line")
    got = header[0].lstrip("\ufeff").rstrip("\r")
    if got != expected:
        raise LoadError(file, 1, "header", f"expected columns '{expected}', found '{got}'")


def split_fields(con) -> None:
    con.execute("create or replace temp table _fields as select line_no, "
                "string_split(rtrim(raw, chr(13)), ';') as fields from _lines where line_no > 1")


def check_shape(con, entity: Entity, file: str) -> None:
    n = len(entity.columns)
    bad = first(con, f"select line_no, len(fields) from _fields where len(fields) <> {n} "
                     "order by line_no limit 1")
    if bad:
        raise LoadError(file, bad[0], "column count",
                        f"expected {n} fields separated by ';', found {bad[1]}")


def _type_conditions(entity: Entity) -> list[tuple[str, str, str]]:
    """Per column, in order: (rule, condition of a failing row, column name)."""
    out = []
    for i, (name, typ) in enumerate(entity.columns):
        f = field(i)
        optional = name in entity.optional
        if not optional:
            out.append(("missing value", f"coalesce({f}, '') = ''", name))
        if typ not in PATTERNS:
            continue
        cond = f"not regexp_full_match({f}, '{PATTERNS[typ]}')"
        if typ == "date":
            cond += f" or try_cast({f} as date) is null"
        if optional:
            cond = f"{f} <> '' and ({cond})"
        out.append((f"bad {typ}", cond, name))
    return out


def check_types(con, entity: Entity, file: str) -> None:
    """Every value has its declared type. One scan of the file finds the first failing line of
    every rule; the error reports the first column's, as a column-by-column check would."""
    conditions = _type_conditions(entity)
    firsts = first(con, "select " + ", ".join(
        f"min(line_no) filter (where {cond})" for _, cond, _ in conditions) + " from _fields")
    for (rule, _cond, name), line in zip(conditions, firsts, strict=True):
        if line is None:
            continue
        if rule == "missing value":
            raise LoadError(file, line, rule, f"column '{name}' is empty")
        typ = rule.removeprefix("bad ")
        f = field(entity.column_names.index(name))
        value = first(con, f"select {f} from _fields where line_no = {line}")[0]
        raise LoadError(file, line, rule,
                        f"column '{name}' must be {DESCRIPTION[typ]}, found '{value}'")


def check_references(con, entity: Entity, file: str) -> None:
    names = entity.column_names
    for column, seed in entity.references:
        key = SEED_KEYS[seed]
        values = sorted({r[key] for r in read_seed(seed)})
        con.execute("create or replace temp table _ref(v varchar)")
        con.executemany("insert into _ref values (?)", [(v,) for v in values])
        f = field(names.index(column))
        blank = f" and {f} <> ''" if column in entity.optional else ""
        bad = first(con, f"select line_no, {f} from _fields where {f} not in (select v from _ref)"
                         f"{blank} order by line_no limit 1")
        if bad:
            raise LoadError(file, bad[0], f"unknown {column}",
                            f"'{bad[1]}' is not in the reference seed {seed}.csv")


def check_period(con, entity: Entity, file: str, period: str) -> str:
    """One delivery holds one period. Returns the delivery key that a re-delivery replaces."""
    names = entity.column_names
    col = entity.period_column
    f = field(names.index(col))
    keys = con.execute(f"select distinct {f} from _fields limit 2").fetchall()
    if len(keys) != 1:
        line = first(con, f"select line_no from _fields where {f} <> "
                          f"(select {f} from _fields order by line_no limit 1) "
                          "order by line_no limit 1")
        raise LoadError(file, line[0] if line else None, "one period per file",
                        f"column '{col}' holds more than one value")
    key = str(keys[0][0])
    if col == "period" and key != period:
        raise LoadError(file, 2, "period of delivery",
                        f"rows are for period {key}, the manifest delivers {period}")
    if "bokforingsdatum" in names:
        d = field(names.index("bokforingsdatum"))
        bad = first(con, f"select line_no, {d} from _fields where left({d}, 7) <> {f} "
                         "order by line_no limit 1")
        if bad:
            raise LoadError(file, bad[0], "booking date in period",
                            f"booking date {bad[1]} is outside the period {key}")
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


def check_manifest_totals(con, entity: Entity, file: str, entry: dict) -> None:
    rows = first(con, "select count(*) from _fields")[0]
    if rows != entry.get("rows"):
        raise LoadError(file, None, "manifest row count",
                        f"the file has {rows} rows, the manifest says {entry.get('rows')}")
    if not entity.amount_column:
        return
    a = field(entity.column_names.index(entity.amount_column))
    debit, credit = first(con, f"""
        with amounts as (select cast(replace({a}, ',', '.') as decimal(18, 2)) as x from _fields)
        select coalesce(sum(x) filter (where x > 0), 0)::varchar,
               coalesce(-sum(x) filter (where x < 0), 0)::varchar from amounts""")
    sums = entry.get("control_sums", {})
    for name, got in (("debit", debit), ("credit", credit)):
        want = sums.get(name)
        if want is None or float(want) != float(got):
            raise LoadError(file, None, f"manifest {name} sum",
                            f"the file's {name} amounts add up to {got}, the manifest says {want}")
