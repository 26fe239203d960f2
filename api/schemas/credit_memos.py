"""Credit memos: lines, then applied invoice by invoice like an account payment."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from api.schemas.credit_sources import ApplicationOut, applications_of
from api.schemas.history import HistoryEntry
from api.schemas.limited import CreditMemoNumber, CustomerCode, DatedIn, Memo
from api.schemas.lines import LineIn, LineOut
from api.schemas.manual_actions import ManualActionOutcome, outcome_fields
from api.schemas.values import Money
from domain.credit_memo import CreditMemo
from domain.lines import Line
from domain.manual_action import ManualAction


class CreditMemoIn(DatedIn):
    number: CreditMemoNumber = Field(examples=["CM-2001"])
    customer: CustomerCode = Field(description="The customer's code")
    lines: list[LineIn]
    memo: Memo = ""

    def domain_lines(self) -> list[Line]:
        return [line.to_domain() for line in self.lines]


class CreditMemoOut(BaseModel):
    number: str
    customer: str
    txn_date: date
    memo: str
    lines: list[LineOut]
    amount: Money = Field(description="The total of the lines")
    applications: list[ApplicationOut]
    applied_total: Money
    unapplied: Money
    finished: bool = Field(description="Fully applied and reviewed; applications locked")
    voided: bool
    imported: bool = Field(description="QuickBooks holds the credit memo (its TxnID is known)")
    qb_txn_id: str | None
    qb_edit_sequence: str | None

    @classmethod
    def of(cls, memo: CreditMemo) -> CreditMemoOut:
        return cls(
            number=memo.number,
            customer=memo.customer,
            txn_date=memo.txn_date,
            memo=memo.memo,
            lines=[LineOut.of(line) for line in memo.lines],
            amount=memo.amount,
            applications=applications_of(memo),
            applied_total=memo.applied_total,
            unapplied=memo.unapplied,
            finished=memo.finished,
            voided=memo.voided,
            imported=memo.is_imported,
            qb_txn_id=memo.qb_txn_id,
            qb_edit_sequence=memo.qb_edit_sequence,
        )


class CreditMemoDetail(CreditMemoOut):
    history: list[HistoryEntry]


class CreditMemoOutcome(ManualActionOutcome):
    """The credit memo after a void, and the manual action it opened, if any."""

    credit_memo: CreditMemoOut

    @classmethod
    def of(cls, memo: CreditMemo, action: ManualAction | None) -> CreditMemoOutcome:
        return cls(credit_memo=CreditMemoOut.of(memo), **outcome_fields(action))
