"""SIE 4: the file every Swedish accounting program writes to move a general ledger (the SIE
group's specification 4B, 2008-09-30). `read_sie` reads one into a `SieFile`: its vouchers and
their rows, dimensions and objects, accounts, balances and budget, with every finding named by
line and rule; `inspect` summarises one for a data team (`norrlager sie inspect`)."""
