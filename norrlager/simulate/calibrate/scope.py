"""What the calibration covers: the years, accounts, unit groups and report tables the
simulated ledger is fitted to, as the dbt project and the seeds define them."""

from __future__ import annotations

from norrlager.config import dbt_vars

# The years are the dbt project's (vars first_year … report_year, invoice_years,
# payroll_years): the simulated systems cover what the models expect.
YEARS = list(range(dbt_vars()["first_year"], dbt_vars()["report_year"] + 1))
REPORT_YEAR = dbt_vars()["report_year"]
# The report prints the report year and the one before in detail, and their budgets.
DETAIL_YEARS = (REPORT_YEAR - 1, REPORT_YEAR)
BUDGETS = DETAIL_YEARS
# Accounts on which the region's units trade with each other (rents, lab, imaging, IT, service).
INTERNAL_REVENUE = ("3320", "3910", "3930")
INTERNAL_COST = ("6320", "6510", "6610")
FINANCE_GROUP = "FINF"
# The cash-flow sections by their line codes (seed report_lines); the operating one first.
CF_LINES = ("kassaflode_lopande", "kassaflode_investering", "kassaflode_finansiering")
SOLIDITY = ("soliditet_blandmodell", "soliditet_fullfondering")
MEMO_BALANCES = ("0910", "0920", "0930")
# The invoice system (2022–2023) splits purchased out-of-county care (account 6310) into the
# report's categories and providers; vårdval (6710), other services (6320) and patient
# transport (6410) are invoiced too.
INVOICE_YEARS = tuple(dbt_vars()["invoice_years"])
OUT_OF_COUNTY = "6310"
OUT_OF_COUNTY_CATEGORIES = ("Riks- och regionsjukvård", "Patientens fria val", "Vårdgaranti")
HOSPITAL_PROVIDERS = ("NUS", "KS", "AS", "SU", "CAPIO", "ALERIS")
# Accounts booked only by some units: out-of-county care by the care divisions and the
# region-wide funds, patient transport by VO Sjukresor (Division Regionstöd), vårdval payments
# from the region-wide funds and Division Nära.
ACCOUNT_UNITS = {"6310": ("STAB", "LS1", "LS2", "PSYK", "NARA"), "6410": ("RSTOD",),
                 "6710": ("STAB", "NARA"), "5610": ("NARA", "LS1", "LS2", "FUNK", "PSYK")}
# Hired staff (5610) is invoiced by staffing agencies per care area and profession, 2021–2023.
# A care area's hired staff works at the units whose activity is that care (seed activities).
HIRED_YEARS = tuple(dbt_vars()["payroll_years"])
HIRED_STAFF = "5610"
PROFESSIONS = ("Sjuksköterskor", "Läkare", "Andra personalgrupper")
CARE_AREA_GROUPS = {"Somatisk vård": ("LS1", "LS2", "FUNK"), "Primärvård": ("NARA",),
                    "Psykiatrisk vård": ("PSYK",)}
CARE_AREA_SHORT = {"Somatik": "Somatisk vård", "Primärvård": "Primärvård",
                   "Psykiatri": "Psykiatrisk vård"}
MEMO_FLOWS = ("0940",)
# Net cost per inhabitant by activity area (Kolada, from the räkenskapssammandrag): the external
# operating items of the area's units, plus the area's share of the shared services' net cost
# (activity 300, by the key in seed activities), over the population on 31 December. Units of
# one group can carry different activities: the calibration divides each of such a group's
# external operating accounts over its activities, and every system books it so.
PER_INHABITANT = "nettokostnad_per_invanare_kolada"
# The region-wide funds (vårdval, purchased care, pharmaceuticals within the benefit) employ no
# one; payroll is booked where staff work.
UNSTAFFED = ("070301", "070302", "070303", "070401")
PAYROLL_BOOKED = ("5010", "5110", "5410")
# Accounts the simulated world books at one kind of unit: vårdval payments at primary care,
# purchased and hired care at care units, patient transport at VO Sjukresor (övrig vård).
ACCOUNT_ACTIVITIES = {"6710": ("110",), "6310": ("110", "120", "130"), "6410": ("150",),
                      "5610": ("110", "120", "130")}
SHARED_SERVICES = "300"
HEALTH_CARE_SUM = "hs_exkl_tandvard"

Scenario = tuple[str, int]  # ("A", 2023) actual, ("B", 2023) budget
