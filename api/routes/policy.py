"""Policy levels: readiness per transaction, explanations (also as of the past), what-if."""

from __future__ import annotations

from fastapi import APIRouter, Query

from api.acting import name_the_actors
from api.as_of import MAX_POSITION, as_of_moment
from api.auth.access import Controller, Reader
from api.deps import ContainerDep
from api.readiness_filters import readiness_rows
from api.schemas.policy import ExplanationOut, PolicySwitchIn, ReadinessOut, WhatIfOut
from domain.policy import PolicyLevel

router = APIRouter(prefix="/policy", tags=["policy"], dependencies=[Reader])


@router.get("/readiness", summary="Readiness of every transaction under the policy levels")
def readiness(
    container: ContainerDep,
    kind: str | None = Query(
        None, description="invoice, job-payment, account-payment or credit-memo"
    ),
    state: str | None = Query(
        None, description="Its state under `level`: done, ready, ready with, waiting or voided"
    ),
    level: PolicyLevel | None = Query(None, description="Default: the current level"),
) -> list[ReadinessOut]:
    rows = readiness_rows(container.readiness, container.ledger, kind, state, level)
    return [ReadinessOut.of(row) for row in rows]


@router.get("/explain/{kind}/{key}", summary="Why a transaction is or is not in QuickBooks")
def explain(
    container: ContainerDep,
    kind: str,
    key: str,
    as_of_position: int | None = Query(
        None, ge=0, le=MAX_POSITION, description="As of this log position"
    ),
    as_of: str | None = Query(
        None,
        description=(
            "As of this moment (ISO 8601); a date means the end of that day, and a time "
            "without a zone is in the company's time zone (QBSYNC_TIME_ZONE)"
        ),
    ),
) -> ExplanationOut:
    store, ledger = container.readiness, container.ledger
    ref = store.resolve(ledger, kind, key)
    if as_of_position is None and as_of is None:
        explanation, moment = store.explain(ledger, ref), None
    else:
        moment = as_of_moment(as_of, container.settings.time_zone) if as_of else None
        explanation = store.explain_as_of(ledger, ref, as_of_position, moment)
    answer = ExplanationOut.of_explanation(explanation, as_of=moment)
    name_the_actors(ledger, answer)
    return answer


@router.get("/what-if", summary="What a sync would do now under each level")
def what_if(container: ContainerDep) -> WhatIfOut:
    return WhatIfOut.of(container.readiness.what_if(container.ledger))


@router.post("/level", summary="Switch the policy level", dependencies=[Controller])
def switch_level(container: ContainerDep, switch: PolicySwitchIn) -> WhatIfOut:
    """Changes what future syncs do; never retracts what QuickBooks already has. Needs the
    controller role."""
    container.ledger.change_policy_level(switch.level, switch.changed_by)
    return WhatIfOut.of(container.readiness.what_if(container.ledger))
