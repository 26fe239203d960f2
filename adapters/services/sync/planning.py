"""From the policy engine's fixpoint to QuickBooks operations, in dependency order.

The run's work is what `run_to_fixpoint` says is ready under the current level, limited to
the selection, plus what the selected work needs first (a customer QuickBooks lacks, an
invoice a selected payment is applied to). Applications ride on a payment's add when the
invoice is already in QuickBooks or the policy imports them together (conservative job
payments); otherwise they become their own operation after both imports.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from adapters.storage.outbox.operations import OpKind, PlannedOp, op_key
from adapters.storage.outbox.selection import Selection
from domain.kinds import TxnKind
from domain.policy import PolicyLevel
from projections.readiness.facts import Facts, TxnRef
from projections.readiness.fixpoint import run_to_fixpoint
from projections.readiness.incremental import work_among
from projections.readiness.rules import applied_first, applied_with_import, imported_first


@dataclass(frozen=True)
class CustomerStatus:
    """What the plan needs of a customer: whether QuickBooks holds it (`linked`, its ListID
    is known) and the parent it is a job of. Not the `domain.customer_link` aggregate."""

    code: str
    linked: bool
    parent: str = ""


CustomerLookup = Callable[[str], CustomerStatus]
_ADD = {
    TxnKind.INVOICE: OpKind.INVOICE_ADD,
    TxnKind.CREDIT_MEMO: OpKind.CREDIT_MEMO_ADD,
    TxnKind.JOB_PAYMENT: OpKind.PAYMENT_ADD,
    TxnKind.ACCOUNT_PAYMENT: OpKind.PAYMENT_ADD,
}


def plan(
    facts: Facts,
    level: PolicyLevel,
    selection: Selection,
    customers: CustomerLookup,
    among: Collection[TxnRef] | None = None,
) -> list[PlannedOp]:
    """The run's operations; with `among`, only those of these transactions (and what they
    need first): after a change, the transactions whose verdicts it can have moved."""
    work = run_to_fixpoint(facts, level) if among is None else work_among(facts, level, among)
    applications = [(ref, inv) for ref, inv in work.applications if selection.selects(ref)]
    needed = {ref for ref in work.imports if selection.selects(ref)}
    for ref, invoice in applications:
        required = applied_first(facts, ref, invoice, level)
        needed.update(r for r in required if facts.imported(r) is None)
    while True:
        more = {r for ref in needed for r in _imports_first(facts, ref, level)} - needed
        if not more:
            break
        needed |= more
    imports = [ref for ref in work.imports if ref in needed]
    in_run = set(imports)
    riding = {app for app in applications if _rides_on_add(facts, level, app, in_run)}
    riding_on: dict[TxnRef, list[str]] = {}
    for ref, invoice in riding:
        riding_on.setdefault(ref, []).append(invoice)
    ops: list[PlannedOp] = []
    seen_customers: set[str] = set()
    for ref in imports:
        customer = _customer(facts, ref)
        ops.extend(_customer_ops(customer, customers, seen_customers))
        invoices = tuple(sorted(riding_on.get(ref, ())))
        deps = [_import_key(r) for r in _imports_first(facts, ref, level)]
        deps += [_import_key(TxnRef.invoice(inv)) for inv in invoices if _pending(facts, inv)]
        deps += _customer_deps(customer, customers)
        ops.append(
            PlannedOp(
                _ADD[ref.kind],
                ref.kind.value,
                ref.key,
                customer,
                invoices,
                tuple(dict.fromkeys(deps)),
            )
        )
    ops.extend(_application_ops(facts, level, [a for a in applications if a not in riding]))
    return ops


def _application_ops(
    facts: Facts, level: PolicyLevel, applications: list[tuple[TxnRef, str]]
) -> list[PlannedOp]:
    by_payment: dict[TxnRef, list[str]] = {}
    ops: list[PlannedOp] = []
    for ref, invoice in applications:
        if ref.kind is TxnKind.CREDIT_MEMO:
            deps = _pending_imports(facts, [ref, TxnRef.invoice(invoice)])
            ops.append(
                PlannedOp(
                    OpKind.CREDIT_APPLY,
                    ref.kind.value,
                    ref.key,
                    facts.sources[ref].customer,
                    (invoice,),
                    deps,
                )
            )
        else:
            by_payment.setdefault(ref, []).append(invoice)
    for ref, invoices in sorted(by_payment.items()):
        required = [ref] + [TxnRef.invoice(inv) for inv in invoices]
        for invoice in invoices:
            required += applied_first(facts, ref, invoice, level)
        ops.append(
            PlannedOp(
                OpKind.PAYMENT_APPLY,
                ref.kind.value,
                ref.key,
                facts.sources[ref].customer,
                tuple(sorted(invoices)),
                _pending_imports(facts, required),
            )
        )
    return ops


def _rides_on_add(
    facts: Facts, level: PolicyLevel, app: tuple[TxnRef, str], imports: set[TxnRef]
) -> bool:
    ref, invoice = app
    if ref.kind is TxnKind.CREDIT_MEMO or ref not in imports:
        return False
    return applied_with_import(ref, level) or not _pending(facts, invoice)


def _imports_first(facts: Facts, ref: TxnRef, level: PolicyLevel) -> list[TxnRef]:
    return [r for r in imported_first(facts, ref, level) if facts.imported(r) is None]


def _pending(facts: Facts, invoice: str) -> bool:
    return facts.imported(TxnRef.invoice(invoice)) is None


def _pending_imports(facts: Facts, refs: list[TxnRef]) -> tuple[str, ...]:
    keys = [_import_key(r) for r in refs if facts.imported(r) is None]
    return tuple(dict.fromkeys(keys))


def _import_key(ref: TxnRef) -> str:
    return op_key(_ADD[ref.kind], ref.key)


def _customer(facts: Facts, ref: TxnRef) -> str:
    if ref.kind is TxnKind.INVOICE:
        return facts.invoices[ref.key].customer
    return facts.sources[ref].customer


def _customer_deps(code: str, customers: CustomerLookup) -> list[str]:
    link = customers(code)
    return [] if link.linked else [op_key(OpKind.CUSTOMER_ADD, code)]


def _customer_ops(code: str, customers: CustomerLookup, seen: set[str]) -> list[PlannedOp]:
    link = customers(code)
    if link.linked or code in seen:
        return []
    seen.add(code)
    parent_ops = _customer_ops(link.parent, customers, seen) if link.parent else []
    deps = tuple(_customer_deps(link.parent, customers)) if link.parent else ()
    return [*parent_ops, PlannedOp(OpKind.CUSTOMER_ADD, "customer", code, code, (), deps)]
