"""The ledger application: the domain's commands over an eventsourcing event store."""
