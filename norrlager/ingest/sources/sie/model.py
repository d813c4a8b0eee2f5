"""What a SIE file holds, as the reader gives it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

# Dimension numbers the specification reserves, with their names; 20 and up are the
# organisation's own and must be declared with #DIM (or #UNDERDIM).
RESERVED_DIMENSIONS = {"1": "Kostnadsställe", "2": "Kostnadsbärare", "6": "Projekt",
                       "7": "Anställd", "8": "Kund", "9": "Leverantör", "10": "Faktura"}


@dataclass(frozen=True)
class Finding:
    line: int | None
    rule: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.rule}: {self.message}" if self.line else \
            f"{self.rule}: {self.message}"


@dataclass(frozen=True)
class Row:
    """A #TRANS (or #RTRANS, #BTRANS) of a voucher."""
    kind: str  # TRANS, RTRANS or BTRANS
    account: str
    objects: tuple[tuple[str, str], ...]
    amount: Decimal
    date: date | None
    text: str
    quantity: Decimal | None
    line: int

    @property
    def counts(self) -> bool:
        """Whether the row is part of the voucher: a removed row (#BTRANS) is not."""
        return self.kind != "BTRANS"


@dataclass
class Voucher:
    series: str
    number: str
    date: date
    text: str
    line: int
    rows: list[Row] = field(default_factory=list)

    @property
    def counted(self) -> list[Row]:
        return [r for r in self.rows if r.counts]

    @property
    def total(self) -> Decimal:
        return sum((r.amount for r in self.counted), Decimal(0))


@dataclass(frozen=True)
class Balance:
    """#IB, #UB, #RES (no object), #OIB, #OUB (with one), #PSALDO, #PBUDGET (per period)."""
    kind: str
    year: int  # 0 the current fiscal year, -1 the one before (#RAR)
    account: str
    amount: Decimal
    objects: tuple[tuple[str, str], ...] = ()
    period: str | None = None  # YYYYMM, for #PSALDO and #PBUDGET
    line: int = 0


@dataclass(frozen=True)
class FiscalYear:
    index: int
    start: date
    end: date


@dataclass
class SieFile:
    name: str
    encoding: str
    sie_type: str | None = None
    program: str | None = None
    company: str | None = None
    org_number: str | None = None
    chart_type: str | None = None
    format: str | None = None
    fiscal_years: list[FiscalYear] = field(default_factory=list)
    dimensions: dict[str, str] = field(default_factory=dict)
    objects: dict[tuple[str, str], str] = field(default_factory=dict)
    accounts: dict[str, str] = field(default_factory=dict)
    account_types: dict[str, str] = field(default_factory=dict)
    vouchers: list[Voucher] = field(default_factory=list)
    balances: list[Balance] = field(default_factory=list)
    checksum: str | None = None  # None (no #KSUMMA), "ok" or "mismatch"
    ignored_labels: dict[str, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def declared(self, dimension: str) -> bool:
        return dimension in self.dimensions or dimension in RESERVED_DIMENSIONS

    @property
    def rows(self) -> list[Row]:
        return [r for v in self.vouchers for r in v.counted]

    @property
    def unbalanced(self) -> list[Voucher]:
        return [v for v in self.vouchers if v.total != 0]
