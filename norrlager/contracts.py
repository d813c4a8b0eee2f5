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

    @property
    def table(self) -> str:
        return f"{self.system}_{self.name}"

    @property
    def column_names(self) -> list[str]:
        return [c for c, _ in self.columns]


LEDGER_REFS = (("konto", "chart_of_accounts"), ("ansvar", "cost_centres"),
               ("verksamhet", "activities"), ("motpart", "counterparties"))

LEDGER_LINES = Entity(
    system="ledger", name="lines",
    columns=(("verifikation", "varchar"), ("rad", "integer"), ("bokforingsdatum", "date"),
             ("period", "period"), ("konto", "varchar"), ("ansvar", "varchar"),
             ("verksamhet", "varchar"), ("motpart", "varchar"), ("belopp", "decimal"),
             ("text", "varchar")),
    references=LEDGER_REFS, balanced_by="verifikation")

LEDGER_BUDGET = Entity(
    system="ledger", name="budget",
    columns=(("ar", "integer"), ("period", "period"), ("konto", "varchar"),
             ("ansvar", "varchar"), ("verksamhet", "varchar"), ("motpart", "varchar"),
             ("belopp", "decimal")),
    references=LEDGER_REFS, period_column="ar")

LEDGER_OPENING = Entity(
    system="ledger", name="opening_balances",
    columns=(("datum", "date"), ("konto", "varchar"), ("ansvar", "varchar"),
             ("belopp", "decimal")),
    references=(("konto", "chart_of_accounts"), ("ansvar", "cost_centres")),
    period_column="datum")

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
    optional=("personnummer", "episod", "drg", "drg_vikt", "text"))

# Hired staff: the staffing agencies' invoices, through the same (Latin-1) invoice system.
STAFFING_LINES = Entity(
    system="invoices", name="staffing_lines",
    columns=(("fakturanummer", "varchar"), ("fakturarad", "integer"), ("fakturadatum", "date"),
             ("period", "period"), ("leverantor", "varchar"), ("ansvar", "varchar"),
             ("konto", "varchar"), ("vardomrade", "varchar"), ("yrke", "varchar"),
             ("timmar", "decimal"), ("belopp", "decimal")),
    encoding="latin-1",
    references=(("konto", "chart_of_accounts"), ("ansvar", "cost_centres"),
                ("leverantor", "providers")))

# The HR system delivers, per month: persons new to the extract, the employments active in the
# month (a snapshot with the month's scheduled hours), absence records begun in the month, and
# the payroll's pay lines (the payroll module is older and delivers Latin-1).
HR_PERSONS = Entity(
    system="hr", name="persons",
    columns=(("period", "period"), ("personnummer", "varchar"), ("namn", "varchar"),
             ("fodelsedatum", "date"), ("kon", "varchar")),
    amount_column=None)

HR_EMPLOYMENTS = Entity(
    system="hr", name="employments",
    columns=(("period", "period"), ("anstallning_id", "varchar"), ("personnummer", "varchar"),
             ("anstallningsform", "varchar"), ("yrkeskod", "varchar"),
             ("sysselsattningsgrad", "integer"), ("ordinarie_timmar", "decimal"),
             ("ansvar", "varchar"), ("chef", "varchar"), ("startdatum", "date"),
             ("slutdatum", "date"), ("avgangsorsak", "varchar")),
    amount_column=None,
    references=(("yrkeskod", "occupations"), ("ansvar", "cost_centres")),
    optional=("slutdatum", "avgangsorsak"))

HR_ABSENCES = Entity(
    system="hr", name="absences",
    columns=(("period", "period"), ("franvaro_id", "varchar"), ("anstallning_id", "varchar"),
             ("personnummer", "varchar"), ("franvarotyp", "varchar"), ("from_datum", "date"),
             ("tom_datum", "date"), ("omfattning", "integer")),
    amount_column=None)

PAYROLL_LINES = Entity(
    system="hr", name="payroll_lines",
    columns=(("period", "period"), ("lonerad", "varchar"), ("anstallning_id", "varchar"),
             ("personnummer", "varchar"), ("lonart", "varchar"), ("antal", "decimal"),
             ("belopp", "decimal"), ("ansvar", "varchar"), ("konto", "varchar")),
    encoding="latin-1",
    references=(("lonart", "pay_types"), ("ansvar", "cost_centres"),
                ("konto", "chart_of_accounts")),
    optional=("antal",))

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
    amount_column=None, references=(("ansvar", "cost_centres"),), optional=("ansvar",))

PAS_ADMISSIONS = Entity(
    system="pas", name="admissions",
    columns=(("period", "period"), ("vardtillfalle_id", "varchar"), ("personnummer", "varchar"),
             ("inskrivningsdatum", "date"), ("utskrivningsdatum", "date"), ("vardtyp", "varchar"),
             ("specialitet", "varchar"), ("ansvar", "varchar"), ("kon", "varchar"),
             ("alder", "integer"), ("akut", "varchar"), ("utskrivningsklar_dagar", "integer"),
             ("vardskada", "varchar"), ("lakemedel_antal", "integer"),
             ("lakemedelsberattelse", "varchar")),
    amount_column=None, references=(("ansvar", "cost_centres"),),
    optional=("lakemedelsberattelse",))

PAS_OPERATIONS = Entity(
    system="pas", name="operations",
    columns=(("period", "period"), ("operation_id", "varchar"), ("personnummer", "varchar"),
             ("datum", "date"), ("operationsenhet", "varchar"), ("specialitet", "varchar"),
             ("kon", "varchar"), ("alder", "integer")),
    amount_column=None)

PAS_ACCESSIBILITY = Entity(
    system="pas", name="accessibility",
    columns=(("period", "period"), ("arende_id", "varchar"), ("personnummer", "varchar"),
             ("datum", "date"), ("kanal", "varchar"), ("ansvar", "varchar"), ("kon", "varchar"),
             ("alder", "integer"), ("kontakt_samma_dag", "varchar"),
             ("medicinsk_bedomning", "varchar"), ("bedomning_inom_3_dagar", "varchar")),
    amount_column=None, references=(("ansvar", "cost_centres"),),
    optional=("bedomning_inom_3_dagar",))

PAS_WAITING_LIST = Entity(
    system="pas", name="waiting_list",
    columns=(("period", "period"), ("vantelista_id", "varchar"), ("personnummer", "varchar"),
             ("vantetyp", "varchar"), ("specialitet", "varchar"), ("kon", "varchar"),
             ("alder", "integer"), ("remissdatum", "date"), ("avslutsdatum", "date"),
             ("pvv", "varchar")),
    amount_column=None, optional=("avslutsdatum",))

PAS_PRESCRIPTIONS = Entity(
    system="pas", name="prescriptions",
    columns=(("period", "period"), ("recept_id", "varchar"), ("personnummer", "varchar"),
             ("datum", "date"), ("atc", "varchar"), ("ansvar", "varchar"), ("kon", "varchar"),
             ("alder", "integer")),
    amount_column=None, references=(("ansvar", "cost_centres"),))

# Statistics received once a year: the population register (SCB) and the health-care barometer.
STAT_POPULATION = Entity(
    system="statistik", name="population",
    columns=(("ar", "integer"), ("kommun", "varchar"), ("kon", "varchar"),
             ("aldersgrupp", "varchar"), ("antal", "integer")),
    amount_column=None, period_column="ar")

STAT_BAROMETER = Entity(
    system="statistik", name="barometer",
    columns=(("ar", "integer"), ("svar_id", "varchar"), ("kommun", "varchar"),
             ("kon", "varchar"), ("aldersgrupp", "varchar"), ("svar", "integer")),
    amount_column=None, period_column="ar")

ENTITIES = {e.table: e for e in (LEDGER_LINES, LEDGER_BUDGET, LEDGER_OPENING, INVOICE_LINES,
                                 STAFFING_LINES, HR_PERSONS, HR_EMPLOYMENTS, HR_ABSENCES,
                                 PAYROLL_LINES, PAS_CONTACTS, PAS_ADMISSIONS, PAS_OPERATIONS,
                                 PAS_ACCESSIBILITY, PAS_WAITING_LIST, PAS_PRESCRIPTIONS,
                                 STAT_POPULATION, STAT_BAROMETER)}


def entity_for(system: str, name: str) -> Entity:
    try:
        return ENTITIES[f"{system}_{name}"]
    except KeyError:
        raise KeyError(f"unknown extract entity {system}/{name}; known: "
                       f"{', '.join(sorted(ENTITIES))}") from None
