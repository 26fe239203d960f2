"""The QuickBooks Web Connector (QBWC) side of qbsync.

QBWC polls our SOAP endpoint; this package holds the protocol logic (`service`), the SOAP
codec (`soap`, `wsdl`), users, sessions, the `.qwc` file and a Web Connector emulator. What
is sent to QuickBooks comes from a `WorkSource` (see `ports`).
"""
