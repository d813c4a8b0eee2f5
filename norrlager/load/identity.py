"""Swedish personal identity numbers (personnummer, samordningsnummer): are they well formed?"""

from __future__ import annotations

import re
from datetime import date

FORMAT = re.compile(r"(19|20)([0-9]{2})([0-9]{2})([0-9]{2})-([0-9]{4})")


def luhn_ok(ten_digits: str) -> bool:
    total = 0
    for i, ch in enumerate(ten_digits):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d // 10 + d % 10
    return total % 10 == 0


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
