"""Changes made in QuickBooks between two imports, and how to read the ledger by ListID."""

from __future__ import annotations

from decimal import Decimal

from adapters.quickbooks.simulator import QuickBooksSimulator
from adapters.quickbooks.simulator.company import Ref
from adapters.quickbooks.simulator.model import Customer as QbCustomer
from adapters.quickbooks.simulator.operations_lists import add_customer
from adapters.quickbooks.simulator.operations_sales import LineInput, SalesTxnInput, add_invoice
from adapters.storage.ledger.application import Ledger
from adapters.storage.ledger.unit_of_work import UnitOfWork
from domain import ids
from domain.customer import Customer
from domain.customer_link import CustomerLink


def quickbooks_customer(simulator: QuickBooksSimulator, full_name: str) -> QbCustomer:
    return next(c for c in simulator.company.customers.values() if c.full_name == full_name)


def rename_in_quickbooks(simulator: QuickBooksSimulator, full_name: str, new_name: str) -> None:
    customer = quickbooks_customer(simulator, full_name)
    customer.name = new_name
    simulator.company.touch(customer)
    simulator.company.rebuild_names()


def add_in_quickbooks(simulator: QuickBooksSimulator, name: str) -> None:
    add_customer(simulator.company, name=name)


def invoice_in_quickbooks(simulator: QuickBooksSimulator, customer: str, towing: int) -> None:
    add_invoice(
        simulator.company,
        SalesTxnInput(
            customer=Ref(full_name=customer),
            lines=[LineInput(item=Ref(full_name="Towing"), quantity=Decimal(towing))],
        ),
    )


def linked_customer(ledger: Ledger, list_id: str) -> Customer:
    unit = UnitOfWork(ledger)
    link = unit.get(CustomerLink, ids.customer_link_id(list_id), "customer link", list_id)
    return ledger.customer(link.customer_code)


def assert_balances_match(ledger: Ledger, simulator: QuickBooksSimulator) -> None:
    """Every QuickBooks customer is linked to one ledger customer with QuickBooks' balance."""
    for quickbooks in simulator.company.customers.values():
        customer = linked_customer(ledger, quickbooks.list_id)
        assert customer.qb_list_id == quickbooks.list_id
        assert customer.qb_edit_sequence == quickbooks.edit_sequence
        assert customer.qb_full_name == quickbooks.full_name
        assert customer.opening_balance == quickbooks.balance, quickbooks.full_name
