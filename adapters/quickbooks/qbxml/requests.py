"""Every qbXML request this project sends, and the builder of the message that carries them.

The request types live in small modules by kind; import them from here.
"""

from __future__ import annotations

from adapters.quickbooks.qbxml.envelope import OnError, QbRequest, build_message
from adapters.quickbooks.qbxml.errors import QbxmlFieldError
from adapters.quickbooks.qbxml.query_paging import IteratorStep
from adapters.quickbooks.qbxml.requests_lists import CustomerAdd
from adapters.quickbooks.qbxml.requests_payments import (
    AppliedToTxn,
    ReceivePaymentAdd,
    ReceivePaymentMod,
    SetCredit,
)
from adapters.quickbooks.qbxml.requests_queries import (
    AccountQuery,
    ActiveStatus,
    CreditMemoQuery,
    CustomerQuery,
    EmployeeQuery,
    InvoiceQuery,
    ItemQuery,
    OtherNameQuery,
    PaymentMethodQuery,
    ReceivePaymentQuery,
    SalesTaxCodeQuery,
    TermsQuery,
    VendorQuery,
)
from adapters.quickbooks.qbxml.requests_txns import CreditMemoAdd, InvoiceAdd, SalesLineAdd, TxnVoid
from adapters.quickbooks.qbxml.values import Address, QbRef

__all__ = [
    "AccountQuery",
    "ActiveStatus",
    "Address",
    "AppliedToTxn",
    "CreditMemoAdd",
    "CreditMemoQuery",
    "CustomerAdd",
    "CustomerQuery",
    "EmployeeQuery",
    "InvoiceAdd",
    "InvoiceQuery",
    "ItemQuery",
    "IteratorStep",
    "OnError",
    "OtherNameQuery",
    "PaymentMethodQuery",
    "QbRef",
    "QbRequest",
    "QbxmlFieldError",
    "ReceivePaymentAdd",
    "ReceivePaymentMod",
    "ReceivePaymentQuery",
    "SalesLineAdd",
    "SalesTaxCodeQuery",
    "SetCredit",
    "TermsQuery",
    "TxnVoid",
    "VendorQuery",
    "build_message",
]
