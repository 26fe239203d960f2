"""CustomerAddRq: a customer, or a job when it has a ParentRef."""

from __future__ import annotations

from adapters.quickbooks.simulator import xmlread
from adapters.quickbooks.simulator.company import Company
from adapters.quickbooks.simulator.handling import Handler, Outcome
from adapters.quickbooks.simulator.model import ADDRESS_FIELDS
from adapters.quickbooks.simulator.operations_lists import add_customer
from adapters.quickbooks.simulator.responses import Element
from adapters.quickbooks.simulator.rets_lists import customer_ret
from adapters.quickbooks.simulator.status import missing_element


def handle_customer_add(company: Company, request: Element) -> Outcome:
    add = xmlread.child(request, "CustomerAdd")
    if add is None:
        raise missing_element("CustomerAddRq/CustomerAdd")
    is_active = xmlread.boolean(add, "IsActive")
    customer = add_customer(
        company,
        name=xmlread.required_text(add, "Name"),
        parent=xmlread.ref(add, "ParentRef"),
        is_active=True if is_active is None else is_active,
        company_name=xmlread.text(add, "CompanyName"),
        first_name=xmlread.text(add, "FirstName"),
        last_name=xmlread.text(add, "LastName"),
        phone=xmlread.text(add, "Phone"),
        email=xmlread.text(add, "Email"),
        bill_address=xmlread.address(add, "BillAddress", ADDRESS_FIELDS),
        terms=xmlread.ref(add, "TermsRef"),
        sales_tax_code=xmlread.ref(add, "SalesTaxCodeRef"),
        preferred_payment_method=xmlread.ref(add, "PreferredPaymentMethodRef"),
    )
    return Outcome(rets=[customer_ret(company, customer)], changed=True)


LIST_HANDLERS: dict[str, Handler] = {"CustomerAddRq": handle_customer_add}
