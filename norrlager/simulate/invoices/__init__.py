"""The invoice system: purchased care and hired staff, which the ledger books."""
