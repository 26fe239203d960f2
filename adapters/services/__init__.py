"""The work that uses QuickBooks and storage: sync, import, lists for people."""
