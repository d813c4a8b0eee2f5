"""Portable SQL: no DuckDB-only (or Spark-only) syntax in a model outside a dispatch macro.

The models run on DuckDB and on Spark. Engine differences live in `adapter.dispatch` macros
(`duckdb__`, `spark__`, `default__`) or dbt's own cross-database macros; this scan of the
project's SQL and YAML fails when engine-specific syntax enters anywhere else.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from norrlager.config import PROJECT_DIR
from norrlager.transform.spark.parity import compare_relation

# Construct -> why it is not portable (and what to use instead).
NOT_PORTABLE = {
    r"\bvarchar\b": "Spark needs string: use dbt.type_string() (data_type: string in yml)",
    r"\bdate_diff\s*\(|(?<!\.)\bdatediff\s*\(": "argument order differs: use dbt.datediff",
    r"\bdate_trunc\s*\(": "Spark returns a timestamp: use month_start (or a dispatch macro)",
    r"\*\s*(exclude|replace)\s*\(": "DuckDB only: list the columns",
    r"\blateral\b": "no lateral joins over values on Spark: a Jinja loop of union all",
    r"\bstrftime\s*\(|\bstrptime\s*\(": "DuckDB only: dbt.cast / a dispatch macro",
    r"\bstarts_with\s*\(": "DuckDB only: like 'x%'",
    r"::": "DuckDB/Postgres cast syntax: cast(x as type)",
    r"\bsha256\s*\(|\bmd5\s*\(": "hashing is done in Python at load (and spelt differently)",
    r"\blist_\w+\s*\(|\bstruct_pack\s*\(|\bunnest\s*\(": "DuckDB only",
    r"\bqualify\b": "not in Apache Spark: a window in a CTE and a where",
    r'"[a-z_]+"': "double-quoted identifier (a string on Spark): adapter.quote",
    r"\bilike\b": "use lower(x) like",
    r"\btarget\.type\b": "an engine check: write a dispatch macro instead",
}
# A division is written with divide() (null for 0 on both engines, same double), unless the
# divisor is a constant.
DIVISION = re.compile(r"(?<![/*-])/(?![/*])\s*(?!\s*(power\(|\d|\{\{ var\())")
DISPATCH = re.compile(
    r"\{%-?\s*macro\s+((duckdb|spark|default)__\w+|divide)\(.*?\{%-?\s*endmacro\s*-?%\}", re.S)
COMMENT = re.compile(r"\{#.*?#\}|--[^\n]*", re.S)


def sql_files() -> list[Path]:
    return sorted(p for folder in ("models", "macros", "dbt_tests", "analyses")
                  for p in (PROJECT_DIR / folder).rglob("*.sql"))


def violations(text: str) -> list[str]:
    code = COMMENT.sub("", DISPATCH.sub("", text))
    found = []
    for lineno, line in enumerate(code.splitlines(), 1):
        found += [f"{lineno}: {line.strip()} ({why})" for pattern, why in NOT_PORTABLE.items()
                  if re.search(pattern, line, re.I)]
        if DIVISION.search(line) and "divide(" not in line and "/ 1000000.0" not in line:
            found.append(f"{lineno}: {line.strip()} (unguarded division: use divide())")
    return found


def test_models_and_macros_use_only_portable_sql() -> None:
    problems = [f"{p.relative_to(PROJECT_DIR)}:{v}" for p in sql_files()
                for v in violations(p.read_text(encoding="utf-8"))]
    assert not problems, "\n".join(problems)


def test_yaml_declares_portable_types() -> None:
    files = [PROJECT_DIR / "dbt_project.yml", *sorted((PROJECT_DIR / "models").rglob("*.yml"))]
    problems = [f"{p.relative_to(PROJECT_DIR)}:{n}: {line.strip()}" for p in files
                for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                if re.search(r"\bvarchar\b", line, re.I) or re.search(r"'\"\w+\"'", line)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("sql", [
    "select cast(x as varchar) as y from t",
    "select date_diff('day', a, b) from t",
    "select * exclude (a) from t",
    'select "table" from t',
    "select a / b from t",
    "select x::int from t",
])
def test_the_scan_catches_duckdb_only_sql(sql: str) -> None:
    assert violations(sql)


@pytest.mark.parametrize("sql", [
    "select {{ divide('a', 'b') }} from t",
    "select cast(x as {{ dbt.type_string() }}) from t",
    "{% macro duckdb__f(x) %} date_trunc('month', x) {% endmacro %}",
    "select a / power(10, 2), b / 100 from t  -- a / b in a comment",
])
def test_the_scan_allows_portable_sql(sql: str) -> None:
    assert not violations(sql)


def test_comparison_ignores_row_order_and_double_noise_but_not_a_value(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create table t as select * from (values (1, 0.1::decimal(18, 2), 1.0 / 3),"
                    " (2, 0.2::decimal(18, 2), 2.0 / 3)) as v(id, amount, share)")
        same, other = tmp_path / "same", tmp_path / "other"
        same.mkdir()
        other.mkdir()
        con.execute(f"copy (select id, amount, share + 1e-12 as share from t order by id desc) "
                    f"to '{same}/p.parquet' (format parquet)")
        con.execute(f"copy (select id, case when id = 2 then 0.21 else amount end as amount, share"
                    f" from t) to '{other}/p.parquet' (format parquet)")
        assert compare_relation(con, "t", "t", same) is None
        difference = compare_relation(con, "t", "t", other)
    assert difference is not None and difference.relation == "t"
    assert "id=2" in difference.problem
