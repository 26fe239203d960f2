"""Lists a person pages through: transactions, customers, runs and manual actions."""
