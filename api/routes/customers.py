"""Customers: register, rename, set the QB Name; read with history."""

from __future__ import annotations

from fastapi import APIRouter, status

from api.auth.access import Bookkeeper, Reader
from api.deps import LedgerDep
from api.routes.responses import READ_ERRORS, WRITE_ERRORS
from api.schemas.customers import (
    CustomerDetail,
    CustomerIn,
    CustomerNameIn,
    CustomerOut,
    CustomerQbNameIn,
)
from api.schemas.history import recorded_history, with_history

router = APIRouter(prefix="/customers", tags=["customers"], dependencies=[Reader])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=[Bookkeeper],
    responses=WRITE_ERRORS,
    summary="Register a customer",
)
def register_customer(body: CustomerIn, ledger: LedgerDep) -> CustomerOut:
    """Register a customer under its code; a sub-customer names its registered parent."""
    customer = ledger.register_customer(
        body.code, body.name, qb_name=body.qb_name, parent=body.parent
    )
    return CustomerOut.of(customer)


@router.put(
    "/{code}/name", dependencies=[Bookkeeper], responses=WRITE_ERRORS, summary="Rename a customer"
)
def rename_customer(code: str, body: CustomerNameIn, ledger: LedgerDep) -> CustomerOut:
    """Change the customer's name in the ledger."""
    return CustomerOut.of(ledger.rename_customer(code, body.name))


@router.put(
    "/{code}/qb-name",
    dependencies=[Bookkeeper],
    responses=WRITE_ERRORS,
    summary="Set the customer's QB Name",
)
def set_customer_qb_name(code: str, body: CustomerQbNameIn, ledger: LedgerDep) -> CustomerOut:
    """Set the name matched against QuickBooks (refused once the customer is linked by ListID)."""
    return CustomerOut.of(ledger.set_customer_qb_name(code, body.qb_name))


@router.get("/{code}", responses=READ_ERRORS, summary="Read a customer with its history")
def read_customer(code: str, ledger: LedgerDep) -> CustomerDetail:
    """The customer's current state and every event of its history, oldest first."""
    customer = ledger.customer(code)
    history = recorded_history(ledger, customer)
    return with_history(CustomerDetail, CustomerOut.of(customer), history)
