"""What must hold after any sync, whatever was lost: one copy in QuickBooks of each
transaction and application the ledger says it holds, none of the others, equal balances."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from adapters.quickbooks.simulator.company import Company
from domain.kinds import TxnKind
from tests.integration.sync.world import World


def assert_exactly_once(w: World) -> None:
    w.readiness.update(w.ledger)
    facts = w.readiness.model.facts()
    qb = w.qb.company
    ours = {c.qb_list_id for c in map(w.ledger.customer, _customers(w)) if c.qb_list_id}
    invoices = Counter(i.ref_number for i in qb.invoices.values() if i.customer_id in ours)
    memos = Counter(m.ref_number for m in qb.credit_memos.values() if m.customer_id in ours)
    payments = Counter(p.ref_number for p in qb.payments.values() if p.ref_number)
    markers = Counter(p.memo for p in qb.payments.values() if (p.memo or "").startswith("qbsync"))
    assert all(n == 1 for n in [*invoices.values(), *memos.values(), *payments.values()])
    assert all(n == 1 for n in markers.values()), markers
    expected: dict[str, Decimal] = {}
    for number in facts.invoices:
        invoice = w.ledger.invoice(number)
        assert (invoices[number] == 1) == invoice.is_imported, number
        if invoice.is_imported:
            assert qb.invoices[invoice.qb_txn_id or ""].ref_number == number
            _add(expected, invoice.customer, invoice.total)
    for ref, source in facts.sources.items():
        record = (w.ledger.credit_memo if ref.kind is TxnKind.CREDIT_MEMO else w.ledger.payment)(
            ref.key
        )
        held = memos if ref.kind is TxnKind.CREDIT_MEMO else payments
        assert (held[ref.key] == 1) == record.is_imported, ref
        if record.is_imported:
            _add(expected, record.customer, -record.amount)
            assert _applied(qb, record.qb_txn_id or "", ref.kind) == {
                w.ledger.invoice(n).qb_txn_id: a for n, a in record.applied_in_qb.items()
            }, ref
        for number in source.applications:
            key = f"qbsync credit-apply:{ref.key}:{number}"
            if ref.kind is TxnKind.CREDIT_MEMO:
                assert (markers[key] == 1) == (number in record.applied_in_qb), key
    for code in _customers(w):
        assert w.qb_balance(code) == expected.get(code, Decimal("0.00")), code


def _applied(qb: Company, txn_id: str, kind: TxnKind) -> dict[str | None, Decimal]:
    applied: dict[str | None, Decimal] = {}
    for payment in qb.payments.values():
        for application in payment.applications:
            if kind is TxnKind.CREDIT_MEMO:
                amount = sum(
                    (u.amount for u in application.credits if u.credit_memo_id == txn_id),
                    Decimal(0),
                )
            elif payment.txn_id == txn_id:
                amount = application.payment_amount
            else:
                continue
            if amount:
                applied[application.invoice_id] = applied.get(application.invoice_id, 0) + amount
    return applied


def _add(expected: dict[str, Decimal], code: str, amount: Decimal) -> None:
    expected[code] = expected.get(code, Decimal("0.00")) + amount


def _customers(w: World) -> list[str]:
    facts = w.readiness.model.facts()
    return sorted(
        {i.customer for i in facts.invoices.values()} | {s.customer for s in facts.sources.values()}
    )
