"""The demo company's working day, recorded through the ledger's own commands."""
