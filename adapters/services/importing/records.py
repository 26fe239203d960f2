"""What the import keeps of QuickBooks' answers: plain records read from `*Ret` objects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from adapters.quickbooks.qbxml.rets import QbRet
from domain.money import ZERO, money
from domain.quickbooks_list import ListKind


@dataclass(frozen=True)
class QbCustomer:
    """A QuickBooks customer or job, with its own open balance (jobs' balances excluded)."""

    list_id: str
    name: str
    full_name: str
    edit_sequence: str
    parent_list_id: str | None
    balance: Decimal
    is_active: bool = True

    @property
    def is_job(self) -> bool:
        return self.parent_list_id is not None


@dataclass(frozen=True)
class QbListRecord:
    kind: ListKind
    list_id: str
    name: str
    full_name: str
    edit_sequence: str
    details: Mapping[str, str] = field(default_factory=dict)
    is_active: bool = True


def customer_from(ret: QbRet) -> QbCustomer:
    name = ret.name or ""
    return QbCustomer(
        list_id=ret.list_id or "",
        name=name,
        full_name=ret.full_name or name,
        edit_sequence=ret.edit_sequence or "",
        parent_list_id=ret.parent.list_id if ret.parent is not None else None,
        balance=money(ret.balance if ret.balance is not None else ZERO, what="customer balance"),
        is_active=ret.is_active is not False,
    )


def list_record_from(kind: ListKind, ret: QbRet) -> QbListRecord:
    name = ret.name or ""
    return QbListRecord(
        kind=kind,
        list_id=ret.list_id or "",
        name=name,
        full_name=ret.full_name or name,
        edit_sequence=ret.edit_sequence or "",
        details=_present(_DETAILS[kind](ret)),
        is_active=ret.is_active is not False,
    )


def _present(details: Mapping[str, str | None]) -> dict[str, str]:
    return {key: value for key, value in details.items() if value is not None}


def _first(ret: QbRet, *paths: str) -> str | None:
    return next((value for path in paths if (value := ret.get(path)) is not None), None)


def _item_details(ret: QbRet) -> dict[str, str | None]:
    return {
        "type": ret.ret_type.removeprefix("Item").removesuffix("Ret"),
        "description": _first(
            ret, "SalesOrPurchase/Desc", "SalesAndPurchase/SalesDesc", "SalesDesc", "ItemDesc"
        ),
        "price": _first(ret, "SalesOrPurchase/Price", "SalesAndPurchase/SalesPrice", "SalesPrice"),
        "account": _first(
            ret,
            "SalesOrPurchase/AccountRef/FullName",
            "SalesAndPurchase/IncomeAccountRef/FullName",
            "IncomeAccountRef/FullName",
        ),
        "sales tax code": ret.get("SalesTaxCodeRef/FullName"),
    }


def _account_details(ret: QbRet) -> dict[str, str | None]:
    return {
        "type": ret.get("AccountType"),
        "special type": ret.get("SpecialAccountType"),
        "number": ret.get("AccountNumber"),
    }


def _terms_details(ret: QbRet) -> dict[str, str | None]:
    return {
        "type": ret.ret_type.removesuffix("TermsRet"),
        "due days": ret.get("StdDueDays"),
        "day of month due": ret.get("DayOfMonthDue"),
    }


def _payment_method_details(ret: QbRet) -> dict[str, str | None]:
    return {"type": ret.get("PaymentMethodType")}


def _sales_tax_code_details(ret: QbRet) -> dict[str, str | None]:
    return {"taxable": ret.get("IsTaxable"), "description": ret.get("Desc")}


_DETAILS = {
    ListKind.ITEM: _item_details,
    ListKind.ACCOUNT: _account_details,
    ListKind.TERMS: _terms_details,
    ListKind.PAYMENT_METHOD: _payment_method_details,
    ListKind.SALES_TAX_CODE: _sales_tax_code_details,
}
