"""Where qbsync keeps its state: the event store, the outbox and runs, the read models."""
