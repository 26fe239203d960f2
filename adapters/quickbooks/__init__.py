"""Jobs that talk to QuickBooks, and the two ways to reach it (simulator, Web Connector)."""
