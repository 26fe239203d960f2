"""The Import from QuickBooks: read QuickBooks' lists page by page into the ledger.

`ImportConversation` is a gateway conversation (see `adapters.quickbooks.conversation`),
driven directly against the simulator or pulled by the Web Connector. The sync calls
`require_import_completed` before it runs and `customer_name_problems` before it sends.
"""
