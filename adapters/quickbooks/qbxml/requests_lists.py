"""List-entry requests: CustomerAdd (customers and their jobs)."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from adapters.quickbooks.qbxml.checks import check_list_name, check_text
from adapters.quickbooks.qbxml.values import Address, QbRef
from adapters.quickbooks.qbxml.xml_build import add_address, add_ref, add_text
from domain import limits


@dataclass(frozen=True, kw_only=True)
class CustomerAdd:
    """Adds a customer, or a job under `parent` (its FullName becomes `Parent:Name`)."""

    name: str
    parent: QbRef | None = None
    company_name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    bill_address: Address | None = None
    phone: str | None = None
    email: str | None = None
    request_id: str | None = None

    def __post_init__(self) -> None:
        rq = "CustomerAdd"
        check_list_name(
            rq, "customer name", self.name, limits.CUSTOMER_NAME, "set a QB Name for the customer"
        )
        if self.parent is not None:
            self.parent.check(rq, "parent customer", limits.REF_FULL_NAME)
        shorten = "shorten it in the customer record"
        check_text(rq, "company name", self.company_name, limits.COMPANY_NAME, shorten)
        check_text(rq, "first name", self.first_name, limits.FIRST_NAME, shorten)
        check_text(rq, "last name", self.last_name, limits.LAST_NAME, shorten)
        if self.bill_address is not None:
            self.bill_address.check(rq, "bill address")
        check_text(rq, "phone", self.phone, limits.PHONE, shorten)
        check_text(rq, "email", self.email, limits.EMAIL, shorten)

    def to_xml(self) -> etree._Element:
        request = etree.Element("CustomerAddRq")
        customer = etree.SubElement(request, "CustomerAdd")
        add_text(customer, "Name", self.name)
        add_ref(customer, "ParentRef", self.parent)
        add_text(customer, "CompanyName", self.company_name)
        add_text(customer, "FirstName", self.first_name)
        add_text(customer, "LastName", self.last_name)
        add_address(customer, "BillAddress", self.bill_address)
        add_text(customer, "Phone", self.phone)
        add_text(customer, "Email", self.email)
        return request
