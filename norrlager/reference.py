"""Reference data shared by the simulation and the loader: the dbt seeds are the one source."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from norrlager.config import PROJECT_DIR

SEEDS = PROJECT_DIR / "seeds"


def read_seed(name: str) -> list[dict[str, str]]:
    with (SEEDS / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@dataclass(frozen=True)
class Account:
    konto: str
    name: str
    kind: str
    rr_line_code: str
    not_tabell: str
    not_line_code: str
    slag_tabell: str
    slag_line_code: str
    br_line_code: str
    kassaflode_line_code: str
    balanskrav_line_code: str
    personalkostnad_line_code: str = ""

    @property
    def is_pl(self) -> bool:
        return bool(self.rr_line_code)

    @property
    def is_operating(self) -> bool:
        return self.kind in {"verksamhetens_intakt", "verksamhetens_kostnad", "avskrivning"}

    @property
    def is_balance(self) -> bool:
        return self.kind in {"tillgang", "skuld", "eget_kapital", "likvida_medel"}

    @property
    def is_asset(self) -> bool:
        return self.kind in {"tillgang", "likvida_medel"}

    @property
    def is_revenue(self) -> bool:
        return self.kind in {"verksamhetens_intakt", "skatteintakt", "generellt_statsbidrag",
                             "finansiell_intakt"}


@dataclass(frozen=True)
class CostCentre:
    ansvar: str
    name: str
    verksamhetsomrade: str
    division: str
    namnd: str
    drift: str
    group: str
    verksamhet: str
    is_division: bool


@cache
def accounts() -> dict[str, Account]:
    return {r["konto"]: Account(r["konto"], r["kontonamn"], r["kontotyp"], r["rr_line_code"],
                                r["not_tabell"], r["not_line_code"], r["slag_tabell"],
                                r["slag_line_code"],
                                r["br_line_code"], r["kassaflode_line_code"],
                                r["balanskrav_line_code"], r["personalkostnad_line_code"])
            for r in read_seed("chart_of_accounts")}


@cache
def cost_centres() -> dict[str, CostCentre]:
    return {r["ansvar"]: CostCentre(r["ansvar"], r["ansvar_namn"], r["verksamhetsomrade"],
                                    r["division"], r["namnd"], r["driftredovisning_rad"],
                                    r["enhetsgrupp"], r["verksamhet"], r["ar_division"] == "true")
            for r in read_seed("cost_centres")}


@cache
def counterparties() -> dict[str, dict[str, str]]:
    return {r["motpart"]: r for r in read_seed("counterparties")}


@cache
def providers() -> list[dict[str, str]]:
    return read_seed("providers")


@cache
def activities() -> set[str]:
    return {r["verksamhet"] for r in read_seed("activities")}


@cache
def shared_services_key() -> dict[str, float]:
    """Activity code -> its share of the shared services' net cost in the räkenskapssammandrag
    (seed activities.andel_gemensamma_tjanster), for the activities that receive a share."""
    return {r["verksamhet"]: float(r["andel_gemensamma_tjanster"])
            for r in read_seed("activities") if r["andel_gemensamma_tjanster"]}


@cache
def health_care_excluding_dental() -> tuple[str, ...]:
    """The activities in Kolada's sum "hälso- och sjukvård exkl. tandvård"."""
    return tuple(r["verksamhet"] for r in read_seed("activities")
                 if r["ar_halso_och_sjukvard_exkl_tandvard"] == "true")


@cache
def care_areas() -> dict[str, tuple[str, str]]:
    """Activity code -> (care area, short label), for the activities that are care."""
    return {r["verksamhet"]: (r["vardomrade"], r["vardomrade_kort"])
            for r in read_seed("activities") if r["vardomrade"]}


@cache
def occupations() -> list[dict[str, str]]:
    return read_seed("occupations")


@cache
def pay_types() -> dict[str, dict[str, str]]:
    return {r["lonart"]: r for r in read_seed("pay_types")}


def published_figures(path: Path | None = None) -> list[dict[str, str]]:
    return read_seed("published_figures") if path is None else list(
        csv.DictReader(path.open(encoding="utf-8", newline="")))


@cache
def published_values() -> dict[tuple[str, str, str], str]:
    """(table, line, period) -> the value as printed (text keeps the printed decimals)."""
    return {(r["table"], r["line"], r["period"]): r["value"] for r in published_figures()}


def published_numbers() -> dict[tuple[str, str, str], float]:
    return {k: float(v) for k, v in published_values().items()}


def rounding_half_width(printed: str) -> float:
    """Half a unit of the last printed decimal: the values within it round to the print."""
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    return 0.5 * 10 ** (-decimals)


@dataclass(frozen=True)
class ReportLine:
    report_table: str
    code: str
    label: str
    order: int
    parent: str


@cache
def report_lines() -> dict[tuple[str, str], ReportLine]:
    """(report table, label as printed) -> its line of the layout seed `report_lines`, the
    one place labels live: the models and the calibration work on its stable codes."""
    return {(r["report_table"], r["label"]): ReportLine(
                r["report_table"], r["line_code"], r["label"], int(r["line_order"]),
                r["parent_code"])
            for r in read_seed("report_lines")}


def label_of(report_table: str, code: str) -> str:
    """The printed label of a line by its code."""
    [label] = [line.label for line in report_lines().values()
               if line.report_table == report_table and line.code == code]
    return label


def line_code(report_table: str, label: str) -> str | None:
    """The stable code of a printed line (or of a printed part of one, e.g. "Summa"), or None
    when seed report_lines does not lay it out."""
    line = report_lines().get((report_table, label))
    return line.code if line else None


def leaf_codes(report_table: str, code: str) -> list[str]:
    """The lines without children that add up to a line (the line itself when it is one)."""
    lines = [line for line in report_lines().values() if line.report_table == report_table]
    children = [line.code for line in lines if line.parent == code]
    if not children:
        return [code]
    return [leaf for child in children for leaf in leaf_codes(report_table, child)]


@cache
def known_conflicts() -> set[tuple[str, str, str]]:
    return {(r["table"], r["line"], r["period"]) for r in read_seed("known_conflicts")}
