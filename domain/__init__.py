"""The ledger's domain: aggregates, events, value objects and named domain errors.

Pure: it depends on the standard library and `eventsourcing.domain` only.
"""
