"""A seeded towing company to demo and test against, and a large one for import tests."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from adapters.quickbooks.simulator.company import Clock, Company, Ref, system_clock
from adapters.quickbooks.simulator.model import ItemKind
from adapters.quickbooks.simulator.operations_lists import (
    add_account,
    add_customer,
    add_item,
    add_party,
    add_payment_method,
    add_sales_tax_code,
    add_terms,
)
from adapters.quickbooks.simulator.operations_sales import LineInput, SalesTxnInput, add_invoice

DEMO_COMPANY_NAME = "Miller's Towing & Recovery"
INCOME_ACCOUNT = "Towing Income"


def _seed_lists(company: Company) -> None:
    add_account(company, name=INCOME_ACCOUNT, account_type="Income", account_number="4000")
    add_account(
        company,
        name="Accounts Receivable",
        account_type="AccountsReceivable",
        special_account_type="AccountsReceivable",
        account_number="1200",
    )
    add_account(company, name="Checking", account_type="Bank", account_number="1000")
    add_account(
        company,
        name="Undeposited Funds",
        account_type="OtherCurrentAsset",
        special_account_type="UndepositedFunds",
        account_number="1499",
    )
    add_terms(company, name="Net 15", due_days=15)
    add_terms(company, name="Net 30", due_days=30)
    add_terms(company, name="Due on receipt", due_days=0)
    for name, method_type in (
        ("Cash", "Cash"),
        ("Check", "Check"),
        ("Visa", "Visa"),
        ("MasterCard", "MasterCard"),
        ("ACH", "ECheck"),
    ):
        add_payment_method(company, name=name, method_type=method_type)
    add_sales_tax_code(company, name="Tax", is_taxable=True, description="Taxable Sales")
    add_sales_tax_code(company, name="Non", is_taxable=False, description="Non-Taxable Sales")
    income = Ref(full_name=INCOME_ACCOUNT)
    non_taxable = Ref(full_name="Non")
    for name, kind, price, description in (
        ("Towing", ItemKind.SERVICE, "185.00", "Light-duty tow, hook-up and first 5 miles"),
        ("Winching", ItemKind.SERVICE, "95.00", "Winch-out / recovery, per hour"),
        ("Storage", ItemKind.SERVICE, "45.00", "Vehicle storage, per day"),
        ("Mileage", ItemKind.SERVICE, "4.50", "Towing mileage, per mile"),
        ("Parts", ItemKind.NON_INVENTORY, "0.00", "Parts and supplies"),
        ("Fuel Surcharge", ItemKind.OTHER_CHARGE, "15.00", "Fuel surcharge"),
    ):
        add_item(
            company,
            name=name,
            kind=kind,
            price=Decimal(price),
            description=description,
            income_account=income,
            sales_tax_code=non_taxable,
        )


def _seed_names(company: Company) -> None:
    net_30 = Ref(full_name="Net 30")
    due_now = Ref(full_name="Due on receipt")
    add_customer(
        company,
        name="Smith Auto Body",
        company_name="Smith Auto Body LLC",
        phone="555-0101",
        bill_address={"Addr1": "120 Main St", "City": "Springfield", "State": "IL"},
        terms=net_30,
    )
    add_customer(company, name="Jane Doe", first_name="Jane", last_name="Doe", terms=due_now)
    add_customer(
        company, name="City of Springfield", company_name="City of Springfield", terms=net_30
    )
    add_customer(company, name="Acme Insurance", company_name="Acme Insurance Co.", terms=net_30)
    add_customer(company, name="Bob Carter", first_name="Bob", last_name="Carter", terms=due_now)
    fleet = add_customer(
        company, name="Harbor Freight Lines", company_name="Harbor Freight Lines Inc.", terms=net_30
    )
    add_customer(company, name="Truck 12 Recovery", parent=Ref(list_id=fleet.list_id))
    add_customer(company, name="Yard Cleanup", parent=Ref(list_id=fleet.list_id))
    add_party(company, "Vendor", name="Metro Auto Parts", company_name="Metro Auto Parts")
    add_party(company, "Employee", name="Dave Wilson", first_name="Dave", last_name="Wilson")


def _seed_open_balances(company: Company) -> None:
    earlier = company.today() - timedelta(days=20)
    add_invoice(
        company,
        SalesTxnInput(
            customer=Ref(full_name="Smith Auto Body"),
            txn_date=earlier,
            lines=[
                LineInput(item=Ref(full_name="Towing"), quantity=Decimal("1")),
                LineInput(item=Ref(full_name="Mileage"), quantity=Decimal("12")),
            ],
        ),
    )
    add_invoice(
        company,
        SalesTxnInput(
            customer=Ref(full_name="City of Springfield"),
            txn_date=earlier,
            lines=[LineInput(item=Ref(full_name="Storage"), quantity=Decimal("3"))],
        ),
    )


def demo_company(clock: Clock = system_clock) -> Company:
    """Customers (one with jobs), a vendor and an employee, towing items, accounts, terms,
    payment methods, Tax/Non codes, and open invoices for Smith Auto Body and the City."""
    company = Company(company_name=DEMO_COMPANY_NAME, clock=clock)
    _seed_lists(company)
    _seed_names(company)
    _seed_open_balances(company)
    return company


def large_company(n_customers: int, clock: Clock = system_clock) -> Company:
    """The demo company plus `n_customers` more, named "Customer 00001", "Customer 00002", …"""
    company = demo_company(clock)
    width = max(5, len(str(n_customers)))
    for number in range(1, n_customers + 1):
        add_customer(company, name=f"Customer {number:0{width}d}")
    return company
