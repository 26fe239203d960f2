"""SPEC section 3, the policy table, as data: for each kind of transaction, step and policy
level, the conditions an import or an application waits for, named.

Read it beside the specification: a row per kind and step, a column per level, Moderate
written out even where it equals another column. `verdicts.Interpreter` is its one reader:
the verdicts, the state-only pass, the fixpoint's work, the planner's dependencies and the
explanation's words all come from these entries (`rules` says what each name means).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from domain.kinds import TxnKind
from domain.policy import PolicyLevel


class Step(StrEnum):
    IMPORT = "import"
    APPLY = "apply"


class Check(StrEnum):
    """A condition on the transaction's own facts (or, in `Rule.job`, on each other invoice
    of its job that is not voided)."""

    FINALIZED = "finalized"
    PAID_IN_FULL = "paid in full"
    FINISHED = "finished"

    __hash__ = str.__hash__


class First(StrEnum):
    """What QuickBooks must hold first, or this sync run import before."""

    ITSELF = "itself"  # the payment or credit memo being applied
    THE_INVOICE = "the invoice"  # the one invoice of this application
    ITS_INVOICES = "all its invoices"  # every invoice it is applied to

    __hash__ = str.__hash__


@dataclass(frozen=True, slots=True)
class Rule:
    own: tuple[Check, ...] = ()
    job: tuple[Check, ...] = ()
    first: tuple[First, ...] = ()
    exists: bool = True  # False: the kind has no such step (an invoice is never applied)


CONSERVATIVE, MODERATE, AGGRESSIVE = PolicyLevel
IMPORT, APPLY = Step
FINALIZED, PAID_IN_FULL, FINISHED = Check
ITSELF, THE_INVOICE, ITS_INVOICES = First
INVOICE, JOB_PAYMENT, ACCOUNT_PAYMENT, CREDIT_MEMO = TxnKind

READY = Rule()  # no condition: ready at the next sync
NO_SUCH_STEP = Rule(exists=False)  # payments and credits are applied to an invoice

POLICY_TABLE: Mapping[tuple[TxnKind, Step], Mapping[PolicyLevel, Rule]] = {
    (INVOICE, IMPORT): {
        CONSERVATIVE: Rule(own=(FINALIZED, PAID_IN_FULL), job=(FINALIZED, PAID_IN_FULL)),
        MODERATE: Rule(own=(FINALIZED, PAID_IN_FULL), job=(FINALIZED, PAID_IN_FULL)),
        AGGRESSIVE: Rule(own=(FINALIZED,)),
    },
    (INVOICE, APPLY): {
        CONSERVATIVE: NO_SUCH_STEP,
        MODERATE: NO_SUCH_STEP,
        AGGRESSIVE: NO_SUCH_STEP,
    },
    # Conservative: imported once its invoice is, in the same step (its add carries the
    # application); otherwise at the next sync, without waiting for the invoice.
    (JOB_PAYMENT, IMPORT): {
        CONSERVATIVE: Rule(first=(ITS_INVOICES,)),
        MODERATE: READY,
        AGGRESSIVE: READY,
    },
    (JOB_PAYMENT, APPLY): {
        CONSERVATIVE: Rule(first=(ITSELF, THE_INVOICE)),
        MODERATE: Rule(first=(ITSELF, THE_INVOICE)),
        AGGRESSIVE: Rule(first=(ITSELF, THE_INVOICE)),
    },
    (ACCOUNT_PAYMENT, IMPORT): {
        CONSERVATIVE: Rule(own=(FINISHED,)),
        MODERATE: READY,
        AGGRESSIVE: READY,
    },
    # Applied all at once, when every invoice it is applied to is in QuickBooks.
    (ACCOUNT_PAYMENT, APPLY): {
        CONSERVATIVE: Rule(first=(ITSELF, ITS_INVOICES)),
        MODERATE: Rule(first=(ITSELF, ITS_INVOICES)),
        AGGRESSIVE: Rule(first=(ITSELF, ITS_INVOICES)),
    },
    (CREDIT_MEMO, IMPORT): {
        CONSERVATIVE: Rule(own=(FINISHED,)),
        MODERATE: READY,
        AGGRESSIVE: READY,
    },
    # Applied invoice by invoice, as each is in QuickBooks. Conservative imports it only
    # when finished; a credit memo imported unfinished under another level still waits.
    (CREDIT_MEMO, APPLY): {
        CONSERVATIVE: Rule(own=(FINISHED,), first=(ITSELF, THE_INVOICE)),
        MODERATE: Rule(own=(FINISHED,), first=(ITSELF, THE_INVOICE)),
        AGGRESSIVE: Rule(own=(FINISHED,), first=(ITSELF, THE_INVOICE)),
    },
}


def rule(kind: TxnKind, step: Step, level: PolicyLevel) -> Rule:
    return POLICY_TABLE[kind, step][level]
