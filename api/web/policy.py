"""Policy: what a sync would export under each level, the difference from the current one,
each level's rules in words; the controller switches levels after confirming."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from api.schemas.policy import WhatIfOut
from api.web.session import ContainerDep, Controller, Reader, requires
from api.web.templating import page
from domain.policy import ALL_LEVELS, PolicyLevel

router = APIRouter()

# SPEC section 3 in words, per level: invoices, job payments, account payments, credit memos.
RULES: dict[PolicyLevel, tuple[str, ...]] = {
    PolicyLevel.CONSERVATIVE: (
        "An invoice goes once it is finalized and paid in full, and so is every invoice of "
        "the same job.",
        "A job payment goes, and is applied, together with its invoice.",
        "An account payment goes once finished; it is applied once all its invoices are in "
        "QuickBooks.",
        "A credit memo goes once finished; it is applied to each invoice as that invoice arrives.",
    ),
    PolicyLevel.MODERATE: (
        "Invoices as under conservative: finalized and paid in full, with every invoice of "
        "the same job.",
        "A job payment goes at the next sync without waiting for its invoice; it is applied "
        "once its invoice is in QuickBooks.",
        "An account payment goes at the next sync, finished or not; it is applied once all "
        "its invoices are in QuickBooks.",
        "A credit memo goes at the next sync, finished or not; it is applied only once "
        "finished, to each invoice as that invoice arrives.",
    ),
    PolicyLevel.AGGRESSIVE: (
        "An invoice goes as soon as it is finalized.",
        "A job payment goes at the next sync; it is applied once its invoice is in QuickBooks.",
        "An account payment goes at the next sync, finished or not; it is applied once all "
        "its invoices are in QuickBooks.",
        "A credit memo goes at the next sync, finished or not; it is applied only once "
        "finished, to each invoice as that invoice arrives.",
    ),
}


def _what_if(container: ContainerDep) -> WhatIfOut:
    return WhatIfOut.of(container.readiness.what_if(container.ledger))


@router.get("/policy")
def policy(request: Request, container: ContainerDep, identity: Reader) -> Response:
    return page(
        request,
        "policy.html",
        "Policy",
        what_if=_what_if(container),
        levels=ALL_LEVELS,
        rules=RULES,
        may_switch=identity.may("controller"),
    )


@router.post("/policy/confirm", dependencies=[requires("controller")])
def confirm_switch(
    request: Request,
    container: ContainerDep,
    level: Annotated[PolicyLevel, Form()],
) -> Response:
    """The difference a switch makes, and a button to make it."""
    return page(
        request,
        "policy_confirm.html",
        f"Switch to {level.value}?",
        what_if=_what_if(container),
        level=level,
        rules=RULES,
    )


@router.post("/policy")
def switch(
    container: ContainerDep,
    identity: Controller,
    level: Annotated[PolicyLevel, Form()],
    confirmed: Annotated[str, Form()] = "",
) -> Response:
    if confirmed != "yes":
        notice = quote("The level was not switched: confirm the switch to make it.")
        return RedirectResponse(f"/policy?notice={notice}", status_code=303)
    container.ledger.change_policy_level(level, identity.name)
    now = container.readiness.current_level(container.ledger)
    notice = quote(f"The policy level is now {now.value} (switched by {identity.name}).")
    return RedirectResponse(f"/policy?notice={notice}", status_code=303)
