"""The declared shape of every extract: the contract between a source system and the loader.

The simulation writes files to these declarations and the loader checks each delivered file
against them, so a real extract of the same shape loads unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entity:
    system: str
    name: str
    # (name, type): varchar, integer, date, decimal (2 decimals), weight (4 decimals), period
    columns: tuple[tuple[str, str], ...]
    encoding: str = "utf-8"
    amount_column: str | None = "belopp"
    # Columns checked against the reference seeds: column -> seed
    references: tuple[tuple[str, str], ...] = ()
    # Rows of one verification must add up to zero
    balanced_by: str | None = None
    # A delivery for a period replaces the earlier delivery of the same period as a whole
    period_column: str | None = "period"
    # Columns that may be empty (e.g. the patient of a line that has none)
    optional: tuple[str, ...] = ()
    # The business key: no two rows may share it (the loader checks each delivery, the
    # validation the whole of raw)
    key: tuple[str, ...] = ()
    # Columns holding a personal identity number: checked (format, date, check digit), then
    # replaced by the loader with a keyed pseudonym (HMAC-SHA256) in the column `person_key`
    identifiers: tuple[str, ...] = ()
    # Personal data the marts do not need: checked like any column, never stored in raw
    dropped: tuple[str, ...] = ()
    # Free text typed by a person (a ledger line's text): an identity number typed into it is
    # masked at load (norrlager.ingest.identity.MASK), counted per file in audit.load_log. In any
    # other text column such a value rejects the file: a code or key cannot be masked.
    free_text: tuple[str, ...] = ()
    # The birth year the marts need, derived at load time from this identifier column
    birth_year_of: str | None = None
    # Date columns that must fall inside the delivered month, or not after its end
    in_period: tuple[str, ...] = ()
    not_after_period: tuple[str, ...] = ()
    # Plausible ranges of integer columns: (column, lowest, highest)
    ranges: tuple[tuple[str, int, int], ...] = ()
    # The largest plausible amount of one line, in SEK either sign (a misplaced decimal comma
    # or an amount in öre shows up as an amount a hundred times too large)
    amount_ceiling: int | None = None
    # How often the entity is delivered: every month, once a year (in month `month`), once,
    # or "on demand" (never required for a period)
    cadence: str = "monthly"
    month: int | None = None

    @property
    def table(self) -> str:
        return f"{self.system}_{self.name}"

    @property
    def column_names(self) -> list[str]:
        return [c for c, _ in self.columns]

    @property
    def raw_columns(self) -> list[tuple[str, str]]:
        """The columns of the raw table: identifiers become `person_key`, dropped columns go,
        the birth year is added."""
        out = []
        for name, typ in self.columns:
            if name in self.dropped:
                continue
            out.append((PSEUDONYM_COLUMN, "varchar") if name in self.identifiers else (name, typ))
        if self.birth_year_of:
            out.append(("birth_year", "integer"))
        return out

    @property
    def raw_key(self) -> list[str]:
        """The business key's columns as named in raw."""
        return [PSEUDONYM_COLUMN if c in self.identifiers else c for c in self.key]

    def period_key(self, period: str) -> str | None:
        """The delivery key of an empty file of a period (the key a full file holds)."""
        if self.period_column == "period":
            return period
        if self.period_column == "ar":
            return period[:4]
        return None


PSEUDONYM_COLUMN = "person_key"
AGE = (("alder", 0, 120),)


LEDGER_REFS = (("konto", "chart_of_accounts"), ("ansvar", "cost_centres"),
               ("verksamhet", "activities"), ("motpart", "counterparties"))

LEDGER_LINES = Entity(
    system="ledger", name="lines",
    columns=(("verifikation", "varchar"), ("rad", "integer"), ("bokforingsdatum", "date"),
             ("period", "period"), ("konto", "varchar"), ("ansvar", "varchar"),
             ("verksamhet", "varchar"), ("motpart", "varchar"), ("belopp", "decimal"),
             ("text", "varchar")),
    references=LEDGER_REFS, balanced_by="verifikation", key=("verifikation", "rad"),
    in_period=("bokforingsdatum",), amount_ceiling=10_000_000_000, free_text=("text",))

LEDGER_BUDGET = Entity(
    system="ledger", name="budget",
    columns=(("ar", "integer"), ("period", "period"), ("konto", "varchar"),
             ("ansvar", "varchar"), ("verksamhet", "varchar"), ("motpart", "varchar"),
             ("belopp", "decimal")),
    references=LEDGER_REFS, period_column="ar",
    key=("period", "konto", "ansvar", "verksamhet", "motpart"), amount_ceiling=10_000_000_000,
    cadence="yearly", month=1)

LEDGER_OPENING = Entity(
    system="ledger", name="opening_balances",
    columns=(("datum", "date"), ("konto", "varchar"), ("ansvar", "varchar"),
             ("belopp", "decimal")),
    references=(("konto", "chart_of_accounts"), ("ansvar", "cost_centres")),
    period_column="datum", key=("datum", "konto", "ansvar"), amount_ceiling=100_000_000_000,
    cadence="once")

# The invoice system is an older one: it delivers Latin-1.
INVOICE_LINES = Entity(
    system="invoices", name="lines",
    columns=(("fakturanummer", "varchar"), ("fakturarad", "integer"), ("fakturadatum", "date"),
             ("period", "period"), ("leverantor", "varchar"), ("kategori", "varchar"),
             ("konto", "varchar"), ("ansvar", "varchar"), ("personnummer", "varchar"),
             ("episod", "varchar"), ("drg", "varchar"), ("drg_vikt", "weight"),
             ("belopp", "decimal"), ("text", "varchar")),
    encoding="latin-1",
    references=(("konto", "chart_of_accounts"), ("ansvar", "cost_centres"),
                ("leverantor", "providers")),
    optional=("personnummer", "episod", "drg", "drg_vikt", "text"),
    key=("fakturanummer", "fakturarad"), identifiers=("personnummer",),
    in_period=("fakturadatum",), amount_ceiling=100_000_000, free_text=("text",))

# Hired staff: the staffing agencies' invoices, through the same (Latin-1) invoice system.
STAFFING_LINES = Entity(
    system="invoices", name="staffing_lines",
    columns=(("fakturanummer", "varchar"), ("fakturarad", "integer"), ("fakturadatum", "date"),
             ("period", "period"), ("leverantor", "varchar"), ("ansvar", "varchar"),
             ("konto", "varchar"), ("vardomrade", "varchar"), ("yrke", "varchar"),
             ("timmar", "decimal"), ("belopp", "decimal")),
    encoding="latin-1",
    references=(("konto", "chart_of_accounts"), ("ansvar", "cost_centres"),
                ("leverantor", "providers")),
    key=("fakturanummer", "fakturarad"), in_period=("fakturadatum",),
    amount_ceiling=100_000_000)

# The HR system delivers, per month: persons new to the extract, the employments active in the
# month (a snapshot with the month's scheduled hours), absence records begun in the month, and
# the payroll's pay lines (the payroll module is older and delivers Latin-1).
HR_PERSONS = Entity(
    system="hr", name="persons",
    columns=(("period", "period"), ("personnummer", "varchar"), ("namn", "varchar"),
             ("fodelsedatum", "date"), ("kon", "varchar")),
    amount_column=None, key=("personnummer",), identifiers=("personnummer",),
    dropped=("namn", "fodelsedatum"), birth_year_of="personnummer")

HR_EMPLOYMENTS = Entity(
    system="hr", name="employments",
    columns=(("period", "period"), ("anstallning_id", "varchar"), ("personnummer", "varchar"),
             ("anstallningsform", "varchar"), ("yrkeskod", "varchar"),
             ("sysselsattningsgrad", "integer"), ("ordinarie_timmar", "decimal"),
             ("ansvar", "varchar"), ("chef", "varchar"), ("startdatum", "date"),
             ("slutdatum", "date"), ("avgangsorsak", "varchar")),
    amount_column=None,
    references=(("yrkeskod", "occupations"), ("ansvar", "cost_centres")),
    optional=("slutdatum", "avgangsorsak"), key=("period", "anstallning_id"),
    identifiers=("personnummer",), ranges=(("sysselsattningsgrad", 0, 100),))

HR_ABSENCES = Entity(
    system="hr", name="absences",
    columns=(("period", "period"), ("franvaro_id", "varchar"), ("anstallning_id", "varchar"),
             ("personnummer", "varchar"), ("franvarotyp", "varchar"), ("from_datum", "date"),
             ("tom_datum", "date"), ("omfattning", "integer")),
    amount_column=None, key=("franvaro_id",), identifiers=("personnummer",),
    in_period=("from_datum",), ranges=(("omfattning", 1, 100),))

PAYROLL_LINES = Entity(
    system="hr", name="payroll_lines",
    columns=(("period", "period"), ("lonerad", "varchar"), ("anstallning_id", "varchar"),
             ("personnummer", "varchar"), ("lonart", "varchar"), ("antal", "decimal"),
             ("belopp", "decimal"), ("ansvar", "varchar"), ("konto", "varchar")),
    encoding="latin-1",
    references=(("lonart", "pay_types"), ("ansvar", "cost_centres"),
                ("konto", "chart_of_accounts")),
    optional=("antal",), key=("lonerad",), identifiers=("personnummer",),
    amount_ceiling=10_000_000)

# The patient administration system (PAS) delivers, per month: care contacts, inpatient
# episodes (by discharge month), operations, primary care's accessibility log, and the waiting
# list (each entry open during the month, with its completion date if completed in it).
PAS_CONTACTS = Entity(
    system="pas", name="contacts",
    columns=(("period", "period"), ("kontakt_id", "varchar"), ("personnummer", "varchar"),
             ("datum", "date"), ("vardtyp", "varchar"), ("vardgivare", "varchar"),
             ("ansvar", "varchar"), ("specialitet", "varchar"), ("yrkeskategori", "varchar"),
             ("kontaktform", "varchar"), ("kanal", "varchar"), ("kon", "varchar"),
             ("alder", "integer"), ("fraga_vald", "varchar")),
    amount_column=None, references=(("ansvar", "cost_centres"),), optional=("ansvar",),
    key=("kontakt_id",), identifiers=("personnummer",), in_period=("datum",), ranges=AGE)

PAS_ADMISSIONS = Entity(
    system="pas", name="admissions",
    columns=(("period", "period"), ("vardtillfalle_id", "varchar"), ("personnummer", "varchar"),
             ("inskrivningsdatum", "date"), ("utskrivningsdatum", "date"), ("vardtyp", "varchar"),
             ("specialitet", "varchar"), ("ansvar", "varchar"), ("kon", "varchar"),
             ("alder", "integer"), ("akut", "varchar"), ("utskrivningsklar_dagar", "integer"),
             ("vardskada", "varchar"), ("lakemedel_antal", "integer"),
             ("lakemedelsberattelse", "varchar")),
    amount_column=None, references=(("ansvar", "cost_centres"),),
    optional=("lakemedelsberattelse",), key=("vardtillfalle_id",),
    identifiers=("personnummer",), in_period=("utskrivningsdatum",),
    not_after_period=("inskrivningsdatum",),
    ranges=(*AGE, ("utskrivningsklar_dagar", 0, 366), ("lakemedel_antal", 0, 100)))

PAS_OPERATIONS = Entity(
    system="pas", name="operations",
    columns=(("period", "period"), ("operation_id", "varchar"), ("personnummer", "varchar"),
             ("datum", "date"), ("operationsenhet", "varchar"), ("specialitet", "varchar"),
             ("kon", "varchar"), ("alder", "integer")),
    amount_column=None, key=("operation_id",), identifiers=("personnummer",),
    in_period=("datum",), ranges=AGE)

PAS_ACCESSIBILITY = Entity(
    system="pas", name="accessibility",
    columns=(("period", "period"), ("arende_id", "varchar"), ("personnummer", "varchar"),
             ("datum", "date"), ("kanal", "varchar"), ("ansvar", "varchar"), ("kon", "varchar"),
             ("alder", "integer"), ("kontakt_samma_dag", "varchar"),
             ("medicinsk_bedomning", "varchar"), ("bedomning_inom_3_dagar", "varchar")),
    amount_column=None, references=(("ansvar", "cost_centres"),),
    optional=("bedomning_inom_3_dagar",), key=("arende_id",), identifiers=("personnummer",),
    in_period=("datum",), ranges=AGE)

PAS_WAITING_LIST = Entity(
    system="pas", name="waiting_list",
    columns=(("period", "period"), ("vantelista_id", "varchar"), ("personnummer", "varchar"),
             ("vantetyp", "varchar"), ("specialitet", "varchar"), ("kon", "varchar"),
             ("alder", "integer"), ("remissdatum", "date"), ("avslutsdatum", "date"),
             ("pvv", "varchar")),
    amount_column=None, optional=("avslutsdatum",), key=("period", "vantelista_id"),
    identifiers=("personnummer",), in_period=("avslutsdatum",),
    not_after_period=("remissdatum",), ranges=AGE)

PAS_PRESCRIPTIONS = Entity(
    system="pas", name="prescriptions",
    columns=(("period", "period"), ("recept_id", "varchar"), ("personnummer", "varchar"),
             ("datum", "date"), ("atc", "varchar"), ("ansvar", "varchar"), ("kon", "varchar"),
             ("alder", "integer")),
    amount_column=None, references=(("ansvar", "cost_centres"),), key=("recept_id",),
    identifiers=("personnummer",), in_period=("datum",), ranges=AGE)

# Statistics received once a year: the population register (SCB) and the health-care barometer.
STAT_POPULATION = Entity(
    system="statistik", name="population",
    columns=(("ar", "integer"), ("kommun", "varchar"), ("kon", "varchar"),
             ("aldersgrupp", "varchar"), ("antal", "integer")),
    amount_column=None, period_column="ar", key=("ar", "kommun", "kon", "aldersgrupp"),
    ranges=(("antal", 0, 20_000_000),), cadence="yearly", month=12)

STAT_BAROMETER = Entity(
    system="statistik", name="barometer",
    columns=(("ar", "integer"), ("svar_id", "varchar"), ("kommun", "varchar"),
             ("kon", "varchar"), ("aldersgrupp", "varchar"), ("svar", "integer")),
    amount_column=None, period_column="ar", key=("svar_id",), ranges=(("svar", 0, 5),),
    cadence="yearly", month=12)

# Peers from Kolada (RKA's open database of key figures), fetched on demand by `norrlager
# kolada`: one row per key figure, region (or the country), year and sex, with the area code it
# stands for (seed kolada_kpis). Every fetch is a delivery of its month: Kolada revises
# published values, so staging keeps the latest fetch.
KOLADA_VALUES = Entity(
    system="kolada", name="values",
    columns=(("period", "period"), ("kpi", "varchar"), ("omrade", "varchar"),
             ("kommun", "varchar"), ("ar", "integer"), ("kon", "varchar"),
             ("varde", "decimal")),
    amount_column=None, key=("period", "kpi", "kommun", "ar", "kon"),
    ranges=(("ar", 1990, 2100),), cadence="on demand")

# The controllers' own full-year forecast (docs/follow-up.md): per division and line of the
# income statement, made after the month `period`, with their comment. Delivered when they make
# one (cadence "on demand"); a later delivery of the same month replaces it.
FORECAST_LINES = Entity(
    system="forecast", name="lines",
    columns=(("period", "period"), ("division", "varchar"), ("rad", "varchar"),
             ("belopp", "decimal"), ("kommentar", "varchar")),
    references=(("division", "divisions"), ("rad", "follow_up_lines")),
    key=("period", "division", "rad"), optional=("kommentar",), free_text=("kommentar",),
    amount_ceiling=100_000_000_000, cadence="on demand")

ENTITIES = {e.table: e for e in (LEDGER_LINES, LEDGER_BUDGET, LEDGER_OPENING, INVOICE_LINES,
                                 STAFFING_LINES, HR_PERSONS, HR_EMPLOYMENTS, HR_ABSENCES,
                                 PAYROLL_LINES, PAS_CONTACTS, PAS_ADMISSIONS, PAS_OPERATIONS,
                                 PAS_ACCESSIBILITY, PAS_WAITING_LIST, PAS_PRESCRIPTIONS,
                                 STAT_POPULATION, STAT_BAROMETER, KOLADA_VALUES,
                                 FORECAST_LINES)}


def entity_for(system: str, name: str) -> Entity:
    try:
        return ENTITIES[f"{system}_{name}"]
    except KeyError:
        raise KeyError(f"unknown extract entity {system}/{name}; known: "
                       f"{', '.join(sorted(ENTITIES))}") from None

# The source systems each mart domain reads: a domain's data is complete through the last period
# that all of them have delivered in full.
DOMAIN_SYSTEMS = {
    "operating_accounts": ("ledger",),
    "follow_up": ("ledger",),
    "personnel": ("hr", "invoices", "ledger"),
    "purchased_care": ("invoices", "ledger"),
    "care_production": ("pas", "statistik"),
    "waiting_times": ("pas",),
}


def entities_of(system: str) -> list[Entity]:
    return [e for e in ENTITIES.values() if e.system == system]


def required_entities(system: str, period: str, first: dict[str, str]) -> list[Entity]:
    """The entities a system must have delivered for a period: every monthly entity once the
    system has begun delivering it (`first` maps entity name -> first delivered period), and
    the yearly ones in their month. This is the one statement of which deliveries a period
    needs; the refresh checks it before it builds."""
    out = []
    for e in entities_of(system):
        start = first.get(e.name)
        if start is None or period < start:
            continue
        if e.cadence == "monthly" or (e.cadence == "yearly" and int(period[5:]) == e.month):
            out.append(e)
    return out
