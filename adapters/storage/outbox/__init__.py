"""The outbox of QuickBooks operations, sync runs and worker leases, in SQL."""
