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
