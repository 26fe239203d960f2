"""Random sequences of valid and invalid commands against the Ledger keep its invariants."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    rule,
)

from adapters.storage.ledger.application import Ledger
from domain import ids
from domain.credit_source import CreditSource, parse_source_token
from domain.errors import DomainError
from domain.invoice import Invoice
from domain.lines import Line
from domain.manual_action import ManualAction
from domain.money import ZERO
from domain.payment import PaymentKind
from domain.policy import PolicyLevel
from tests.unit.domain.builders import popo_ledger, stored_event_count

DAY = date(2024, 3, 1)
CUSTOMERS = ("C1", "C2")
T = TypeVar("T")
ONE, THIRTY, HUNDRED = Decimal("1"), Decimal("30.00"), Decimal("100.00")


def mostly(valid: st.SearchStrategy[T], invalid: st.SearchStrategy[T]) -> st.SearchStrategy[T]:
    """Valid five times out of six, so that records exist for later commands to refuse."""
    return st.integers(0, 5).flatmap(lambda k: invalid if k == 0 else valid)


customers = mostly(st.sampled_from(CUSTOMERS), st.just("ghost"))
invoice_numbers = mostly(st.sampled_from(["100-1", "100-2", "200-1", "200-2", "300"]), st.just(" "))
payment_refs = mostly(st.sampled_from([f"{k}-{n}" for k in "PJ" for n in range(1, 7)]), st.just(""))
memo_numbers = mostly(st.sampled_from([f"CM-{n}" for n in range(1, 6)]), st.just(" "))
txn_ids = mostly(st.sampled_from(["TXN-A", "TXN-B", "TXN-C"]), st.just(" "))
bad_amounts: st.SearchStrategy[Decimal | str] = st.one_of(
    st.decimals(min_value=Decimal("-5"), max_value=Decimal("0"), places=2),
    st.sampled_from(["0.001", "12.345", "lots", "1e30"]),
)
amounts = mostly(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("120"), places=2), bad_amounts
)
applied_amounts = mostly(
    st.one_of(
        st.sampled_from([Decimal("5.00"), Decimal("10.00"), Decimal("20.00")]),
        st.decimals(min_value=Decimal("0.01"), max_value=Decimal("150"), places=2),
    ),
    bad_amounts,
)
good_line = st.builds(
    Line,
    st.sampled_from(["tow", "storage"]),
    st.just(""),
    st.sampled_from([Decimal("1"), Decimal("2"), Decimal("0.5")]),
    st.sampled_from([Decimal("10.00"), Decimal("45.50"), Decimal("99.99"), Decimal("0.12345")]),
)
bad_line = st.builds(
    Line,
    st.sampled_from(["tow", " "]),
    st.just(""),
    st.sampled_from([Decimal("0"), Decimal("1")]),
    st.sampled_from([Decimal("-200"), Decimal("0")]),
)
lines = mostly(
    st.lists(good_line, min_size=1, max_size=3),
    st.lists(st.one_of(good_line, bad_line), max_size=2),
)

InvoicePick = tuple[int, bool]
invoice_picks = st.tuples(st.integers(0, 50), mostly(st.just(True), st.just(False)))


class LedgerMachine(RuleBasedStateMachine):
    invoices = Bundle("invoices")
    payments = Bundle("payments")
    memos = Bundle("memos")
    actions = Bundle("actions")

    def __init__(self) -> None:
        super().__init__()
        self.ledger: Ledger = popo_ledger()
        self.invoice_keys: set[str] = set()
        self.payment_keys: set[str] = set()
        self.memo_keys: set[str] = set()

    @initialize(target=invoices)
    def open_the_day(self) -> object:
        """Each customer starts with an invoice, an account payment and a credit memo."""
        for code in CUSTOMERS:
            self.ledger.register_customer(code, f"Customer {code}")
            self.ledger.create_invoice(f"{code}-1", code, DAY, [Line("tow", "", ONE, HUNDRED)])
            self.ledger.record_account_payment(f"{code}-P", code, "60.00", DAY)
            self.ledger.create_credit_memo(f"{code}-CM", code, DAY, [Line("tow", "", ONE, THIRTY)])
        self.invoice_keys |= {f"{code}-1" for code in CUSTOMERS}
        self.payment_keys |= {f"{code}-P" for code in CUSTOMERS}
        self.memo_keys |= {f"{code}-CM" for code in CUSTOMERS}
        return multiple(*(f"{code}-1" for code in CUSTOMERS))

    @initialize(target=payments)
    def seed_payments(self) -> object:
        return multiple(*(f"{code}-P" for code in CUSTOMERS))

    @initialize(target=memos)
    def seed_memos(self) -> object:
        return multiple(*(f"{code}-CM" for code in CUSTOMERS))

    # Running a command --------------------------------------------------------------------

    def attempt(self, command: Callable[[], object]) -> tuple[bool, object]:
        """Run a command; a refusal must leave no event, a success must replay identically."""
        before = stored_event_count(self.ledger)
        try:
            result = command()
        except DomainError:
            assert stored_event_count(self.ledger) == before, "a refused command left events"
            return False, None
        if isinstance(result, Aggregate):
            assert not result.pending_events
            replayed: Aggregate = self.ledger.repository.get(result.id)
            assert vars(replayed) == vars(result), "replaying the events rebuilt another state"
        return True, result

    def created(self, keys: set[str], ok: bool, key: str) -> object:
        if ok:
            keys.add(key.strip())
            return key.strip()
        return multiple()

    def opened(self, ok: bool, action: object, was_imported: bool) -> object:
        if not ok:
            return multiple()
        assert (action is not None) == was_imported, "a manual action iff QuickBooks had it"
        return action.id if isinstance(action, ManualAction) else multiple()

    def imported(self, kind: str, key: str) -> bool:
        try:
            record = self.ledger.invoice(key) if kind == "invoice" else self.source(kind, key)
        except DomainError:
            return False
        return record.is_imported

    def pick_invoice(self, kind: str, key: str, pick: InvoicePick) -> str:
        """Mostly an invoice of the source's own customer, sometimes any invoice at all."""
        index, same_customer = pick
        candidates = sorted(self.invoice_keys)
        if same_customer:
            try:
                customer = self.source(kind, key).customer
            except DomainError:
                customer = ""
            own = [n for n in candidates if self.ledger.invoice(n).customer == customer]
            candidates = own or candidates
        return candidates[index % len(candidates)]

    def rest(self, kind: str, key: str, invoice: str) -> Decimal:
        """As much as can still be applied from the source to the invoice (maybe nothing)."""
        try:
            unapplied = self.source(kind, key).unapplied
            open_balance = self.ledger.invoice(invoice).open_balance
        except DomainError:
            return Decimal("1.00")
        return min(unapplied, open_balance)

    def source(self, kind: str, key: str) -> CreditSource:
        return self.ledger.payment(key) if kind == "payment" else self.ledger.credit_memo(key)

    # Invoices -----------------------------------------------------------------------------

    @rule(target=invoices, number=invoice_numbers, customer=customers, lines=lines)
    def create_invoice(self, number: str, customer: str, lines: list[Line]) -> object:
        ok, _ = self.attempt(lambda: self.ledger.create_invoice(number, customer, DAY, lines))
        return self.created(self.invoice_keys, ok, number)

    @rule(number=invoices, lines=lines)
    def edit_lines(self, number: str, lines: list[Line]) -> None:
        self.attempt(lambda: self.ledger.edit_invoice_lines(number, lines))

    @rule(number=invoices)
    def finalize(self, number: str) -> None:
        self.attempt(lambda: self.ledger.finalize_invoice(number))

    @rule(target=actions, number=invoices)
    def void_invoice(self, number: str) -> object:
        was_imported = self.imported("invoice", number)
        return self.opened(*self.attempt(lambda: self.ledger.void_invoice(number)), was_imported)

    @rule(target=actions, number=invoices)
    def write_off(self, number: str) -> object:
        was_imported = self.imported("invoice", number)
        ok, action = self.attempt(lambda: self.ledger.write_off_invoice(number))
        return self.opened(ok, action, was_imported)

    # Payments -----------------------------------------------------------------------------

    @rule(target=payments, ref=payment_refs, invoice=invoices, amt=amounts)
    def job_payment(self, ref: str, invoice: str, amt: Decimal | str) -> object:
        ok, _ = self.attempt(lambda: self.ledger.record_job_payment(ref, invoice, amt, DAY))
        return self.created(self.payment_keys, ok, ref)

    @rule(ref=payment_refs, amt=amounts)
    def job_payment_without_invoice(self, ref: str, amt: Decimal | str) -> None:
        ok, _ = self.attempt(lambda: self.ledger.record_job_payment(ref, None, amt, DAY))
        assert not ok

    @rule(target=payments, ref=payment_refs, customer=customers, amt=amounts)
    def account_payment(self, ref: str, customer: str, amt: Decimal | str) -> object:
        ok, _ = self.attempt(lambda: self.ledger.record_account_payment(ref, customer, amt, DAY))
        return self.created(self.payment_keys, ok, ref)

    @rule(ref=payments, pick=invoice_picks, amt=applied_amounts)
    def apply_payment(self, ref: str, pick: InvoicePick, amt: Decimal | str) -> None:
        invoice = self.pick_invoice("payment", ref, pick)
        self.attempt(lambda: self.ledger.apply_payment(ref, invoice, amt))

    @rule(ref=payments, pick=invoice_picks)
    def apply_rest_of_payment(self, ref: str, pick: InvoicePick) -> None:
        invoice = self.pick_invoice("payment", ref, pick)
        amount = self.rest("payment", ref, invoice)
        self.attempt(lambda: self.ledger.apply_payment(ref, invoice, amount))

    @rule(ref=payments, pick=invoice_picks)
    def unapply_payment(self, ref: str, pick: InvoicePick) -> None:
        invoice = self.pick_invoice("payment", ref, pick)
        self.attempt(lambda: self.ledger.unapply_payment(ref, invoice))

    @rule(ref=payments)
    def finish_payment(self, ref: str) -> None:
        self.attempt(lambda: self.ledger.finish_payment(ref))

    @rule(target=actions, ref=payments)
    def void_payment(self, ref: str) -> object:
        was_imported = self.imported("payment", ref)
        return self.opened(*self.attempt(lambda: self.ledger.void_payment(ref)), was_imported)

    # Credit memos -------------------------------------------------------------------------

    @rule(target=memos, number=memo_numbers, customer=customers, lines=lines)
    def create_credit_memo(self, number: str, customer: str, lines: list[Line]) -> object:
        ok, _ = self.attempt(lambda: self.ledger.create_credit_memo(number, customer, DAY, lines))
        return self.created(self.memo_keys, ok, number)

    @rule(number=memos, pick=invoice_picks, amt=applied_amounts)
    def apply_credit_memo(self, number: str, pick: InvoicePick, amt: Decimal | str) -> None:
        invoice = self.pick_invoice("credit memo", number, pick)
        self.attempt(lambda: self.ledger.apply_credit_memo(number, invoice, amt))

    @rule(number=memos, pick=invoice_picks)
    def apply_rest_of_credit_memo(self, number: str, pick: InvoicePick) -> None:
        invoice = self.pick_invoice("credit memo", number, pick)
        amount = self.rest("credit memo", number, invoice)
        self.attempt(lambda: self.ledger.apply_credit_memo(number, invoice, amount))

    @rule(number=memos, pick=invoice_picks)
    def unapply_credit_memo(self, number: str, pick: InvoicePick) -> None:
        invoice = self.pick_invoice("credit memo", number, pick)
        self.attempt(lambda: self.ledger.unapply_credit_memo(number, invoice))

    @rule(number=memos)
    def finish_credit_memo(self, number: str) -> None:
        self.attempt(lambda: self.ledger.finish_credit_memo(number))

    @rule(target=actions, number=memos)
    def void_credit_memo(self, number: str) -> object:
        was_imported = self.imported("credit memo", number)
        ok, action = self.attempt(lambda: self.ledger.void_credit_memo(number))
        return self.opened(ok, action, was_imported)

    # QuickBooks' answers, settings and manual actions --------------------------------------

    @rule(number=invoices, txn_id=txn_ids)
    def invoice_imported(self, number: str, txn_id: str) -> None:
        self.attempt(lambda: self.ledger.record_imported("invoice", number, txn_id, "E1"))

    @rule(ref=payments, txn_id=txn_ids)
    def payment_imported(self, ref: str, txn_id: str) -> None:
        self.attempt(lambda: self.ledger.record_imported("payment", ref, txn_id, "E1"))

    @rule(number=memos, txn_id=txn_ids)
    def credit_memo_imported(self, number: str, txn_id: str) -> None:
        self.attempt(lambda: self.ledger.record_imported("credit memo", number, txn_id, "E1"))

    @rule(ref=payments, pick=invoice_picks)
    def payment_applied_in_quickbooks(self, ref: str, pick: InvoicePick) -> None:
        invoice = self.pick_invoice("payment", ref, pick)
        self.attempt(lambda: self.ledger.record_applied("payment", ref, invoice, "E2"))

    @rule(number=memos, pick=invoice_picks)
    def credit_memo_applied_in_quickbooks(self, number: str, pick: InvoicePick) -> None:
        invoice = self.pick_invoice("credit memo", number, pick)
        self.attempt(lambda: self.ledger.record_applied("credit memo", number, invoice, "E2"))

    @rule(action_id=actions, who=st.sampled_from(["bo", " "]))
    def mark_done(self, action_id: UUID, who: str) -> None:
        self.attempt(lambda: self.ledger.mark_manual_action_done(action_id, who))

    @rule(level=st.sampled_from(PolicyLevel), who=st.sampled_from(["ann", ""]))
    def change_policy(self, level: PolicyLevel, who: str) -> None:
        self.attempt(lambda: self.ledger.change_policy_level(level, who))

    # Invariants ---------------------------------------------------------------------------

    def all_sources(self) -> dict[str, CreditSource]:
        found: dict[str, CreditSource] = {}
        for ref in self.payment_keys:
            payment = self.ledger.payment(ref)
            found[payment.token] = payment
        for number in self.memo_keys:
            memo = self.ledger.credit_memo(number)
            found[memo.token] = memo
        return found

    @invariant()
    def balances_and_applications_agree(self) -> None:
        sources = self.all_sources()
        for number in self.invoice_keys:
            invoice = self.ledger.invoice(number)
            applied = sum(invoice.applications.values(), ZERO)
            open_balance = invoice.total - applied - invoice.written_off
            assert invoice.open_balance == open_balance >= ZERO
            assert not (invoice.voided and invoice.applications)
            for token, amount in invoice.applications.items():
                kind, key = parse_source_token(token)
                assert sources[token].applications.get(number) == amount, (kind, key)
        for token, source in sources.items():
            assert ZERO <= source.applied_total <= source.amount
            assert not source.finished or source.is_fully_applied
            assert not (source.voided and source.applications)
            for number, amount in source.applications.items():
                assert self.ledger.invoice(number).applications.get(token) == amount
                assert self.ledger.invoice(number).customer == source.customer
            for number, amount in source.applied_in_qb.items():
                assert source.voided or source.applications.get(number) == amount

    @invariant()
    def job_payments_stay_on_one_invoice(self) -> None:
        for ref in self.payment_keys:
            payment = self.ledger.payment(ref)
            if payment.payment_kind is PaymentKind.JOB and not payment.voided:
                assert len(payment.applications) == 1
                assert not payment.finished

    @invariant()
    def every_past_version_of_an_invoice_replays_within_its_total(self) -> None:
        for number in self.invoice_keys:
            invoice_id = ids.invoice_id(number)
            latest: Invoice = self.ledger.repository.get(invoice_id)
            for version in range(1, latest.version + 1):
                past: Aggregate = self.ledger.repository.get(invoice_id, version=version)
                assert isinstance(past, Invoice)
                assert past.number == number
                assert ZERO <= past.open_balance <= past.total


LedgerMachine.TestCase.settings = settings(
    max_examples=50,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestLedgerStateful = LedgerMachine.TestCase
