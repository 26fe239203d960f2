"""QuickBooks Desktop field limits (qbXML 13.0 schema and SDK documentation): the one source
of truth read by the domain's rules, the API's schemas and the qbXML builders.

The schema states most of these as `maxLength`; QuickBooks answers 3070 ("string too long")
or refuses the whole message when one is broken, so nothing outside them is recorded.
"""

from __future__ import annotations

from datetime import date

CUSTOMER_NAME = 41
COMPANY_NAME = 41
FIRST_NAME = 25
LAST_NAME = 25
PHONE = 21
EMAIL = 1023
ADDRESS_LINE = 41
ADDRESS_CITY = 31
ADDRESS_STATE = 21
ADDRESS_POSTAL_CODE = 13
ADDRESS_COUNTRY = 31
ADDRESS_NOTE = 41

ITEM_NAME = 31
REF_FULL_NAME = 209
SIMPLE_REF_FULL_NAME = 31
"""PaymentMethodRef and TermsRef: the list they point to has flat names of ≤ 31 chars."""
ACCOUNT_REF_FULL_NAME = 159
SALES_TAX_CODE_REF_FULL_NAME = 3

INVOICE_REF_NUMBER = 11
CREDIT_MEMO_REF_NUMBER = 11
RECEIVE_PAYMENT_REF_NUMBER = 20
MEMO = 4095
LINE_DESC = 4095

LIST_ID = 36
TXN_ID = 36
EDIT_SEQUENCE = 16
REQUEST_ID = 50
ITERATOR_ID = 64
"""QuickBooks hands out braced GUIDs (38 characters); anything longer did not come from it."""
MESSAGE_SET_ID = 23
"""newMessageSetID: the schema says STRTYPE; the SDK reference allows 23 characters."""

AMOUNT_INTEGER_DIGITS = 13
AMOUNT_DECIMAL_PLACES = 2
PRICE_INTEGER_DIGITS = 10
PRICE_DECIMAL_PLACES = 5
QUANTITY_INTEGER_DIGITS = 10
QUANTITY_DECIMAL_PLACES = 5

EARLIEST_DATE = date(1901, 1, 1)
LATEST_DATE = date(2099, 12, 31)
"""The dates QuickBooks Desktop's date fields take."""
FAR_PAST_DAYS = 5 * 366
FAR_FUTURE_DAYS = 366
"""A transaction dated further from today than these needs an explicit confirmation."""

CUSTOMER_CODE = 100
"""The field-service system's customer code: not a QuickBooks field, bounded all the same."""
LEDGER_CUSTOMER_NAME = 100
"""A customer's name in the ledger when its QB Name is what QuickBooks sees."""
CHECK_NUMBER = 25
REASON = 500
