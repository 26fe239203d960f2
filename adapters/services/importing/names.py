"""QuickBooks naming exceptions (SPEC 5): one case-insensitive name space shared by the
Customer, Vendor, Employee and Other Name lists, and names of at most 41 characters.

A ledger customer not yet linked to QuickBooks will be created there by the sync under its
name for QuickBooks (QB Name, else name). `customer_name_problems` lists those QuickBooks
would refuse, each with what to do, so they can be fixed before anything is sent.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from adapters.quickbooks.qbxml.requests import EmployeeQuery, OtherNameQuery, QbRequest, VendorQuery
from adapters.quickbooks.qbxml.responses import QbResponse
from adapters.services.importing.ledger_customers import LedgerCustomer, ledger_customers
from adapters.services.importing.matching import name_key
from adapters.storage.ledger.application import Ledger
from domain import limits

CUSTOMER_NAME_LIMIT = limits.CUSTOMER_NAME
_LIST_OF_RESPONSE = {
    "VendorQueryRs": "vendor",
    "EmployeeQueryRs": "employee",
    "OtherNameQueryRs": "other name",
}


@dataclass(frozen=True)
class TakenName:
    """A name QuickBooks already uses, and the list that uses it."""

    name: str
    list_name: str


@dataclass(frozen=True)
class NameProblem:
    customer_code: str
    name: str
    problem: str
    what_to_do: str

    def __str__(self) -> str:
        return f"customer {self.customer_code}: {self.problem}; {self.what_to_do}"


def taken_name_queries() -> list[QbRequest]:
    """The queries that read the vendor, employee and other-name lists (all, active or not)."""
    return [
        VendorQuery(active_status="All"),
        EmployeeQuery(active_status="All"),
        OtherNameQuery(active_status="All"),
    ]


def read_taken_names(responses: Iterable[QbResponse]) -> list[TakenName]:
    return [
        TakenName(ret.name, _LIST_OF_RESPONSE[response.response_type])
        for response in responses
        if response.response_type in _LIST_OF_RESPONSE
        for ret in response.rets
        if ret.name
    ]


def name_problems(
    customers: Iterable[LedgerCustomer], taken: Sequence[TakenName]
) -> list[NameProblem]:
    """Problems of the unlinked `customers` QuickBooks would refuse to create."""
    owners = {name_key(t.name): t for t in taken}
    problems: list[NameProblem] = []
    for customer in customers:
        if customer.is_linked:
            continue
        name = customer.name_for_quickbooks
        owner = owners.get(name_key(name))
        if owner is not None:
            problems.append(_clash(customer, name, owner))
        if len(name) > CUSTOMER_NAME_LIMIT:
            problems.append(_too_long(customer, name))
        elif ":" in name:
            problems.append(_colon(customer, name))
    return problems


def customer_name_problems(ledger: Ledger, taken: Sequence[TakenName]) -> list[NameProblem]:
    """`name_problems` of the ledger's unlinked customers, for the sync before it sends
    anything: `taken` are QuickBooks' vendor, employee and other names (`read_taken_names`);
    the QuickBooks names of linked customers are taken too."""
    customers = ledger_customers(ledger).values()
    linked = [TakenName(c.qb_full_name, "customer") for c in customers if c.qb_full_name]
    return name_problems(customers, [*taken, *linked])


def _clash(customer: LedgerCustomer, name: str, owner: TakenName) -> NameProblem:
    return NameProblem(
        customer.code,
        name,
        f'its name for QuickBooks "{name}" is already used by QuickBooks {owner.list_name} '
        f'"{owner.name}" (names are shared by customers, vendors, employees and other names; '
        "QuickBooks would answer 3100)",
        f"set a QB Name for customer {customer.code} that no QuickBooks customer, vendor, "
        "employee or other name uses",
    )


def _too_long(customer: LedgerCustomer, name: str) -> NameProblem:
    return NameProblem(
        customer.code,
        name,
        f'its name for QuickBooks "{name}" has {len(name)} characters; QuickBooks allows '
        f"{CUSTOMER_NAME_LIMIT}",
        f"set a QB Name of at most {CUSTOMER_NAME_LIMIT} characters for customer {customer.code}",
    )


def _colon(customer: LedgerCustomer, name: str) -> NameProblem:
    return NameProblem(
        customer.code,
        name,
        f'its name for QuickBooks "{name}" contains ":", which QuickBooks reserves for jobs',
        f"set a QB Name without a colon for customer {customer.code}",
    )
