"""Swedish personal identity numbers (personnummer, samordningsnummer): are they well formed?"""

from __future__ import annotations

import re
from datetime import date

FORMAT = re.compile(r"(19|20)([0-9]{2})([0-9]{2})([0-9]{2})-([0-9]{4})")


_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)  # digit sum of 2 * d


def luhn_check_digit(nine_digits: str) -> int:
    """The check digit of YYMMDDNNN (the Luhn algorithm, weights 2, 1, 2, …)."""
    total = (sum(_DOUBLED[int(c)] for c in nine_digits[0::2])
             + sum(int(c) for c in nine_digits[1::2]))
    return (10 - total % 10) % 10


def luhn_ok(ten_digits: str) -> bool:
    return luhn_check_digit(ten_digits[:9]) == int(ten_digits[9])


def problem(value: str) -> str | None:
    """Why a value is not a valid personal identity number of the form YYYYMMDD-NNNN, or None.
    A co-ordination number (samordningsnummer) has 60 added to the day."""
    m = FORMAT.fullmatch(value)
    if not m:
        return "is not of the form YYYYMMDD-NNNN"
    century, yy, mm, dd, tail = m.groups()
    day = int(dd) - 60 if int(dd) > 60 else int(dd)
    try:
        date(int(century + yy), int(mm), day)
    except ValueError:
        return "holds no valid birth date"
    if not luhn_ok(yy + mm + dd + tail):
        return "has a wrong check digit"
    return None


# A value shaped like a personal identity number inside free text: with or without the
# century, with or without '-' or '+', with or without a valid check digit (a typed number is
# personal data whether or not it was typed right). The month must be 01-12 and the day 01-31 or
# 61-91 (co-ordination numbers), which keeps amounts, dates and invoice numbers out. The
# surrounding characters are captured (RE2, which DuckDB uses, has no look-around), so masking
# puts them back: see `mask_sql`.
_DAY = r"(?:0[1-9]|[12][0-9]|3[01]|6[1-9]|[78][0-9]|9[01])"
IN_TEXT = rf"(?:19|20)?[0-9]{{2}}(?:0[1-9]|1[0-2]){_DAY}[-+]?[0-9]{{4}}"
IN_TEXT_SQL = rf"(^|[^0-9]){IN_TEXT}([^0-9]|$)"
IN_TEXT_RE = re.compile(rf"(?<![0-9]){IN_TEXT}(?![0-9])")
MASK = "[personnummer]"


# The shortest text that can hold one (YYMMDDNNNN). Most text columns (codes, short labels)
# are shorter, and a byte length is free where the regular expression costs ~50 ns a value:
# behind a CASE (DuckDB evaluates both sides of an AND) it halves the check's cost.
MIN_LENGTH = 10


def in_text_sql(expr: str) -> str:
    """SQL: true where the text `expr` holds a value shaped like an identity number."""
    return (f"(case when strlen({expr}) >= {MIN_LENGTH} "
            f"then regexp_matches({expr}, '{IN_TEXT_SQL}') else false end)")


def mask_sql(expr: str) -> str:
    """SQL: the text `expr` with every identity number in it replaced by MASK. Applied twice,
    since two numbers one character apart share the character between them; only to the texts
    that hold one, since replacing costs more than matching."""
    once = f"regexp_replace({expr}, '{IN_TEXT_SQL}', '\\1{MASK}\\2', 'g')"
    twice = f"regexp_replace({once}, '{IN_TEXT_SQL}', '\\1{MASK}\\2', 'g')"
    return f"case when {in_text_sql(expr)} then {twice} else {expr} end"


def mask(text: str) -> str:
    """Python's twin of mask_sql, for messages and tests."""
    return IN_TEXT_RE.sub(MASK, text)
