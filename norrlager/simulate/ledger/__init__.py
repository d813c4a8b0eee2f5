"""The general ledger: lines, budget and opening balances, calibrated to the annual report."""
