"""The readiness read model kept in SQLite or PostgreSQL, tracked exactly once per event."""
