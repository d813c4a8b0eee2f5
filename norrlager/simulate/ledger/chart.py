"""How the ledger books: the balance account each posting is countered on, the series and
texts of its verifications, the counterparties, and the typical size of a line."""

from __future__ import annotations

ORE_PER_MNKR = 100_000_000
LINE_COLUMNS = ["verifikation", "rad", "bokforingsdatum", "period", "konto", "ansvar",
                "verksamhet", "motpart", "belopp", "text"]

# The balance account a posting's interface books against, by account.
COUNTER_ACCOUNT = {
    "5010": "2710", "5110": "2710", "5510": "2910", "5410": "2210", "5810": "2290",
    "6810": "2290", "3711": "1110", "3712": "1210", "6910": "1210", "7810": "1019",
    "7820": "1119", "7830": "1219", "8230": "1819", "8240": "1819", "8330": "1819",
    "8320": "1810", "8340": "2210",
}
COUNTER_BY_KIND = {"verksamhetens_intakt": "1510", "verksamhetens_kostnad": "2410",
                   "skatteintakt": "1910", "generellt_statsbidrag": "1910",
                   "finansiell_intakt": "1910", "finansiell_kostnad": "1910"}
COUNTERPARTY = {
    "3110": "EXT-PAT", "3120": "EXT-PAT", "3130": "EXT-PAT", "3210": "EXT-KOM",
    "3220": "EXT-KOM", "3310": "EXT-REG", "3510": "EXT-STAT", "3520": "EXT-STAT",
    "5010": "EXT-OVR", "5110": "EXT-STAT", "5410": "EXT-OVR", "5510": "EXT-OVR",
    "6310": "EXT-REG", "6710": "EXT-PRIV", "7810": "EXT-OVR", "7820": "EXT-OVR",
    "7830": "EXT-OVR",
}
SERIES = {"verksamhetens_intakt": ("KF", "Kundfaktura"),
          "verksamhetens_kostnad": ("LF", "Leverantörsfaktura"),
          "avskrivning": ("AV", "Avskrivningar"), "skatteintakt": ("SK", "Skatteavräkning"),
          "generellt_statsbidrag": ("SK", "Utbetalning statsbidrag och utjämning"),
          "finansiell_intakt": ("FI", "Finansförvaltning"),
          "finansiell_kostnad": ("FI", "Finansförvaltning")}
PAYROLL = {"5010": "Lön", "5110": "Arbetsgivaravgifter", "5410": "Pensionskostnad",
           "5510": "Personalkostnad"}
# Typical size of one posting in SEK: sets the number of lines per month and cost centre.
LINE_SIZE_SEK = {"5010": 45_000, "5110": 120_000, "5410": 180_000, "6210": 18_000,
                 "6110": 12_000, "6410": 5_000, "3110": 3_000, "3130": 4_000}
DEFAULT_LINE_SIZE_SEK = 50_000
INTERNAL_LINE_SIZE_SEK = 300_000
