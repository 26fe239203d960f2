"""Adding list elements (customers, jobs, vendors, items, accounts, …) with QuickBooks' checks.

Every check runs before anything is stored, so a refused add changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Literal, TypedDict

from adapters.quickbooks.simulator.company import Company, Ref
from adapters.quickbooks.simulator.model import (
    Account,
    Customer,
    Item,
    ItemKind,
    ListRecord,
    Party,
    PaymentMethod,
    SalesTaxCode,
    Terms,
    to_money,
)
from adapters.quickbooks.simulator.names import NameOwner
from adapters.quickbooks.simulator.status import (
    invalid_value,
    missing_element,
    name_in_use,
    string_too_long,
)

CUSTOMER_NAME_LIMIT = 41
ITEM_NAME_LIMIT = 31
OTHER_NAME_LIMIT = 31
MAX_JOB_SUBLEVEL = 5

PartyList = Literal["Vendor", "Employee", "OtherName"]


class _ListMeta(TypedDict):
    list_id: str
    time_created: datetime
    time_modified: datetime
    edit_sequence: str


def _new_meta(company: Company) -> _ListMeta:
    now = company.now()
    return {
        "list_id": company.new_list_id(),
        "time_created": now,
        "time_modified": now,
        "edit_sequence": company.new_edit_sequence(),
    }


def check_name(name: str, field: str, limit: int) -> None:
    if not name.strip():
        raise missing_element(field)
    if len(name) > limit:
        raise string_too_long(field, name, limit)
    if ":" in name:
        raise invalid_value(f'The name "{name}" may not contain a colon.')


def _check_unique_in(table: Mapping[str, ListRecord], name: str) -> None:
    wanted = name.casefold()
    if any(record.full_name.casefold() == wanted for record in table.values()):
        raise name_in_use(name)


def add_customer(
    company: Company,
    *,
    name: str,
    parent: Ref | None = None,
    is_active: bool = True,
    company_name: str | None = None,
    first_name: str | None = None,
    last_name: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    bill_address: dict[str, str] | None = None,
    terms: Ref | None = None,
    sales_tax_code: Ref | None = None,
    preferred_payment_method: Ref | None = None,
) -> Customer:
    check_name(name, "Name", CUSTOMER_NAME_LIMIT)
    parent_customer = None if parent is None else company.resolve_customer(parent)
    parent_full_name = None if parent_customer is None else parent_customer.full_name
    sublevel = 0 if parent_customer is None else parent_customer.sublevel + 1
    if sublevel > MAX_JOB_SUBLEVEL:
        raise invalid_value(f"A job may be nested at most {MAX_JOB_SUBLEVEL} levels deep.")
    full_name = name if parent_full_name is None else f"{parent_full_name}:{name}"
    company.names.check_free(full_name)
    terms_record = company.resolve_optional(company.terms, terms, "terms")
    tax_code = company.resolve_optional(company.sales_tax_codes, sales_tax_code, "sales tax code")
    method = company.resolve_optional(
        company.payment_methods, preferred_payment_method, "payment method"
    )
    customer = Customer(
        **_new_meta(company),
        name=name,
        is_active=is_active,
        parent_id=None if parent_customer is None else parent_customer.list_id,
        parent_full_name=parent_full_name,
        sublevel=sublevel,
        company_name=company_name,
        first_name=first_name,
        last_name=last_name,
        phone=phone,
        email=email,
        bill_address=dict(bill_address or {}),
        terms_id=None if terms_record is None else terms_record.list_id,
        sales_tax_code_id=None if tax_code is None else tax_code.list_id,
        preferred_payment_method_id=None if method is None else method.list_id,
    )
    company.customers[customer.list_id] = customer
    company.names.claim(full_name, NameOwner("Customer", customer.list_id))
    return customer


def add_party(
    company: Company,
    list_name: PartyList,
    *,
    name: str,
    company_name: str | None = None,
    first_name: str | None = None,
    last_name: str | None = None,
    phone: str | None = None,
    email: str | None = None,
) -> Party:
    check_name(name, "Name", CUSTOMER_NAME_LIMIT)
    company.names.check_free(name)
    party = Party(
        **_new_meta(company),
        name=name,
        company_name=company_name,
        first_name=first_name,
        last_name=last_name,
        phone=phone,
        email=email,
    )
    table = {
        "Vendor": company.vendors,
        "Employee": company.employees,
        "OtherName": company.other_names,
    }[list_name]
    table[party.list_id] = party
    company.names.claim(name, NameOwner(list_name, party.list_id))
    return party


def add_item(
    company: Company,
    *,
    name: str,
    kind: ItemKind,
    income_account: Ref,
    price: Decimal | None = None,
    description: str | None = None,
    sales_tax_code: Ref | None = None,
) -> Item:
    check_name(name, "Name", ITEM_NAME_LIMIT)
    _check_unique_in(company.items, name)
    account = company.resolve(company.accounts, income_account, "account")
    tax_code = company.resolve_optional(company.sales_tax_codes, sales_tax_code, "sales tax code")
    item = Item(
        **_new_meta(company),
        name=name,
        kind=kind,
        description=description,
        price=None if price is None else to_money(price),
        income_account_id=account.list_id,
        sales_tax_code_id=None if tax_code is None else tax_code.list_id,
    )
    company.items[item.list_id] = item
    return item


def add_account(
    company: Company,
    *,
    name: str,
    account_type: str,
    special_account_type: str | None = None,
    account_number: str | None = None,
    description: str | None = None,
) -> Account:
    check_name(name, "Name", CUSTOMER_NAME_LIMIT)
    _check_unique_in(company.accounts, name)
    account = Account(
        **_new_meta(company),
        name=name,
        account_type=account_type,
        special_account_type=special_account_type,
        account_number=account_number,
        description=description,
    )
    company.accounts[account.list_id] = account
    return account


def add_terms(
    company: Company,
    *,
    name: str,
    due_days: int,
    discount_days: int | None = None,
    discount_percent: Decimal | None = None,
) -> Terms:
    check_name(name, "Name", OTHER_NAME_LIMIT)
    _check_unique_in(company.terms, name)
    terms = Terms(
        **_new_meta(company),
        name=name,
        due_days=due_days,
        discount_days=discount_days,
        discount_percent=discount_percent,
    )
    company.terms[terms.list_id] = terms
    return terms


def add_payment_method(company: Company, *, name: str, method_type: str) -> PaymentMethod:
    check_name(name, "Name", OTHER_NAME_LIMIT)
    _check_unique_in(company.payment_methods, name)
    method = PaymentMethod(**_new_meta(company), name=name, method_type=method_type)
    company.payment_methods[method.list_id] = method
    return method


def add_sales_tax_code(
    company: Company, *, name: str, is_taxable: bool, description: str | None = None
) -> SalesTaxCode:
    if len(name) > 3:
        raise string_too_long("Name", name, 3)
    _check_unique_in(company.sales_tax_codes, name)
    code = SalesTaxCode(
        **_new_meta(company), name=name, is_taxable=is_taxable, description=description
    )
    company.sales_tax_codes[code.list_id] = code
    return code
