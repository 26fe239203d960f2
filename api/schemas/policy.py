"""Readiness, explanations and what-if as the API and the CLI's --json show them."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from api.schemas.limited import StrictIn
from domain.policy import PolicyLevel
from projections.readiness.explain import Explanation, describe
from projections.readiness.fixpoint import Work
from projections.readiness.log import Citation
from projections.readiness.verdicts import TxnReadiness, Verdict
from projections.readiness.what_if import WhatIf


class CitationOut(BaseModel):
    position: int = Field(description="Notification position in the ledger's event log")
    originator_id: str
    version: int
    event: str = Field(description="The record's type and the event, e.g. CreditSource.Applied")
    name: str = Field(description="The event's name as every history shows it, e.g. Applied")
    by: str = Field(default="", description="Who recorded the cited event")

    @classmethod
    def of(cls, c: Citation) -> CitationOut:
        return cls(
            position=c.position,
            originator_id=c.originator_id,
            version=c.version,
            event=c.event,
            name=c.event.rpartition(".")[2],
        )


class ConditionOut(BaseModel):
    text: str
    cited: list[CitationOut]


class VerdictOut(BaseModel):
    state: str = Field(description="done, ready, ready with, waiting or voided")
    summary: str
    unmet: list[ConditionOut]
    needs: list[str] = Field(description="Imports this run makes first (state 'ready with')")
    cited: list[CitationOut]

    @classmethod
    def of(cls, v: Verdict) -> VerdictOut:
        unmet = [
            ConditionOut(text=c.text, cited=[CitationOut.of(x) for x in c.cited]) for c in v.unmet
        ]
        return cls(
            state=v.state.value, summary=describe(v), unmet=unmet,
            needs=[r.label for r in v.needs], cited=[CitationOut.of(c) for c in v.cited],
        )  # fmt: skip


def _by_level(verdicts: dict[PolicyLevel, Verdict]) -> dict[str, VerdictOut]:
    return {level.value: VerdictOut.of(v) for level, v in verdicts.items()}


class ReadinessOut(BaseModel):
    kind: str
    key: str
    imports: dict[str, VerdictOut]
    applications: dict[str, dict[str, VerdictOut]]

    @classmethod
    def of(cls, r: TxnReadiness) -> ReadinessOut:
        apps = {n: _by_level(by) for n, by in r.applications.items()}
        return cls(
            kind=r.ref.kind.value, key=r.ref.key, imports=_by_level(r.imports), applications=apps
        )


class ExplanationOut(ReadinessOut):
    as_of_position: int = Field(description="The log position the explanation is as of")
    as_of: datetime | None = Field(
        default=None, description="The moment asked for, with the zone it was read in"
    )
    level: PolicyLevel
    level_cited: CitationOut | None
    qb_txn_id: str | None
    imported_by: CitationOut | None
    applied_in_quickbooks: dict[str, CitationOut]
    text: list[str]

    @classmethod
    def of_explanation(cls, e: Explanation, as_of: datetime | None = None) -> ExplanationOut:
        qb = e.quickbooks
        return cls(
            kind=e.ref.kind.value, key=e.ref.key, imports=_by_level(e.imports),
            applications={n: _by_level(by) for n, by in e.applications.items()},
            as_of_position=e.as_of_position, as_of=as_of, level=e.level,
            level_cited=CitationOut.of(e.level_cited) if e.level_cited else None,
            qb_txn_id=qb.txn_id,
            imported_by=CitationOut.of(qb.imported_by) if qb.imported_by else None,
            applied_in_quickbooks={n: CitationOut.of(c) for n, c in qb.applied}, text=e.lines(),
        )  # fmt: skip


class WorkOut(BaseModel):
    imports: list[str]
    applications: list[str]

    @classmethod
    def of(cls, w: Work) -> WorkOut:
        return cls(
            imports=[r.label for r in w.imports],
            applications=[f"{ref.label} to invoice {n}" for ref, n in w.applications],
        )


class DifferenceOut(BaseModel):
    added: WorkOut = Field(description="Work the level would do that the current level does not")
    held_back: WorkOut = Field(description="Work the current level does that the level would not")


class WhatIfOut(BaseModel):
    current: PolicyLevel
    work: dict[str, WorkOut]
    differences: dict[str, DifferenceOut]

    @classmethod
    def of(cls, w: WhatIf) -> WhatIfOut:
        return cls(
            current=w.current,
            work={level.value: WorkOut.of(work) for level, work in w.work.items()},
            differences={
                d.level.value: DifferenceOut(
                    added=WorkOut.of(d.added), held_back=WorkOut.of(d.held_back)
                )
                for d in w.differences()
            },
        )


class PolicySwitchIn(StrictIn):
    level: PolicyLevel
    changed_by: str = Field(min_length=1, description="Who switches the level")
