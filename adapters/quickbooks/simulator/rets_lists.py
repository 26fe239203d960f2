"""`…Ret` elements for list records, children in the schema's order."""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from adapters.quickbooks.simulator.company import Company
from adapters.quickbooks.simulator.model import (
    ZERO,
    Account,
    Customer,
    Item,
    ItemKind,
    Party,
    PaymentMethod,
    SalesTaxCode,
    Terms,
)
from adapters.quickbooks.simulator.responses import (
    Element,
    add_address,
    add_bool,
    add_list_core,
    add_money,
    add_number,
    add_ref,
    add_text,
)

ITEM_RET_TAGS = {
    ItemKind.SERVICE: "ItemServiceRet",
    ItemKind.NON_INVENTORY: "ItemNonInventoryRet",
    ItemKind.OTHER_CHARGE: "ItemOtherChargeRet",
}


def customer_ret(company: Company, customer: Customer, tag: str = "CustomerRet") -> Element:
    ret = etree.Element(tag)
    add_list_core(ret, customer)
    add_text(ret, "Name", customer.name)
    add_text(ret, "FullName", customer.full_name)
    add_bool(ret, "IsActive", customer.is_active)
    add_ref(ret, "ParentRef", company.customers.get(customer.parent_id or ""))
    add_number(ret, "Sublevel", customer.sublevel)
    add_text(ret, "CompanyName", customer.company_name)
    add_text(ret, "FirstName", customer.first_name)
    add_text(ret, "LastName", customer.last_name)
    add_address(ret, "BillAddress", customer.bill_address)
    add_text(ret, "Phone", customer.phone)
    add_text(ret, "Email", customer.email)
    add_ref(ret, "TermsRef", company.terms.get(customer.terms_id or ""))
    add_money(ret, "Balance", customer.balance)
    add_money(ret, "TotalBalance", customer.total_balance)
    add_ref(ret, "SalesTaxCodeRef", company.sales_tax_codes.get(customer.sales_tax_code_id or ""))
    add_ref(
        ret,
        "PreferredPaymentMethodRef",
        company.payment_methods.get(customer.preferred_payment_method_id or ""),
    )
    add_text(ret, "JobStatus", "None")
    return ret


def vendor_ret(vendor: Party) -> Element:
    ret = etree.Element("VendorRet")
    add_list_core(ret, vendor)
    add_text(ret, "Name", vendor.name)
    add_bool(ret, "IsActive", vendor.is_active)
    add_text(ret, "CompanyName", vendor.company_name)
    add_text(ret, "FirstName", vendor.first_name)
    add_text(ret, "LastName", vendor.last_name)
    add_text(ret, "Phone", vendor.phone)
    add_text(ret, "Email", vendor.email)
    add_money(ret, "Balance", ZERO)
    return ret


def employee_ret(employee: Party) -> Element:
    ret = etree.Element("EmployeeRet")
    add_list_core(ret, employee)
    add_text(ret, "Name", employee.name)
    add_bool(ret, "IsActive", employee.is_active)
    add_text(ret, "FirstName", employee.first_name)
    add_text(ret, "LastName", employee.last_name)
    return ret


def other_name_ret(other: Party) -> Element:
    ret = etree.Element("OtherNameRet")
    add_list_core(ret, other)
    add_text(ret, "Name", other.name)
    add_bool(ret, "IsActive", other.is_active)
    add_text(ret, "CompanyName", other.company_name)
    add_text(ret, "FirstName", other.first_name)
    add_text(ret, "LastName", other.last_name)
    add_text(ret, "Phone", other.phone)
    add_text(ret, "Email", other.email)
    return ret


def item_ret(company: Company, item: Item) -> Element:
    ret = etree.Element(ITEM_RET_TAGS[item.kind])
    add_list_core(ret, item)
    add_text(ret, "Name", item.name)
    add_text(ret, "FullName", item.full_name)
    add_bool(ret, "IsActive", item.is_active)
    add_number(ret, "Sublevel", 0)
    add_ref(ret, "SalesTaxCodeRef", company.sales_tax_codes.get(item.sales_tax_code_id or ""))
    sales = etree.SubElement(ret, "SalesOrPurchase")
    add_text(sales, "Desc", item.description)
    add_number(sales, "Price", item.price)
    add_ref(sales, "AccountRef", company.accounts.get(item.income_account_id))
    return ret


def _account_balance(company: Company, account: Account) -> Decimal | None:
    """Only receivables are tracked: invoices raise them, credit memos and payments lower them."""
    if account.account_type != "AccountsReceivable":
        return None
    raised = sum(
        (i.subtotal for i in company.invoices.values() if i.ar_account_id == account.list_id), ZERO
    )
    credited = sum(
        (m.subtotal for m in company.credit_memos.values() if m.ar_account_id == account.list_id),
        ZERO,
    )
    paid = sum(
        (p.total_amount for p in company.payments.values() if p.ar_account_id == account.list_id),
        ZERO,
    )
    return raised - credited - paid


def account_ret(company: Company, account: Account) -> Element:
    ret = etree.Element("AccountRet")
    add_list_core(ret, account)
    add_text(ret, "Name", account.name)
    add_text(ret, "FullName", account.full_name)
    add_bool(ret, "IsActive", account.is_active)
    add_number(ret, "Sublevel", 0)
    add_text(ret, "AccountType", account.account_type)
    add_text(ret, "SpecialAccountType", account.special_account_type)
    add_text(ret, "AccountNumber", account.account_number)
    add_text(ret, "Desc", account.description)
    balance = _account_balance(company, account)
    add_money(ret, "Balance", balance)
    add_money(ret, "TotalBalance", balance)
    return ret


def terms_ret(terms: Terms) -> Element:
    ret = etree.Element("StandardTermsRet")
    add_list_core(ret, terms)
    add_text(ret, "Name", terms.name)
    add_bool(ret, "IsActive", terms.is_active)
    add_number(ret, "StdDueDays", terms.due_days)
    add_number(ret, "StdDiscountDays", terms.discount_days)
    add_number(ret, "DiscountPct", terms.discount_percent)
    return ret


def payment_method_ret(method: PaymentMethod) -> Element:
    ret = etree.Element("PaymentMethodRet")
    add_list_core(ret, method)
    add_text(ret, "Name", method.name)
    add_bool(ret, "IsActive", method.is_active)
    add_text(ret, "PaymentMethodType", method.method_type)
    return ret


def sales_tax_code_ret(code: SalesTaxCode) -> Element:
    ret = etree.Element("SalesTaxCodeRet")
    add_list_core(ret, code)
    add_text(ret, "Name", code.name)
    add_bool(ret, "IsActive", code.is_active)
    add_bool(ret, "IsTaxable", code.is_taxable)
    add_text(ret, "Desc", code.description)
    return ret
