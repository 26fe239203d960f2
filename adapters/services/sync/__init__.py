"""Synchronize: ready work becomes QuickBooks operations in a durable outbox, delivered
exactly once through the simulator or the Web Connector, answers recorded as ledger events."""
