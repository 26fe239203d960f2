"""The ledger: every command of the domain, each in one unit of work saved atomically."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar, Token
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import JSONTranscoder
from eventsourcing.utils import EnvType

from adapters.storage.ledger.customer_links import link_customer
from adapters.storage.ledger.known_lists import KnownLists
from adapters.storage.ledger.transcodings import register_domain_transcodings
from adapters.storage.ledger.unit_of_work import UnitOfWork
from domain import applying, ids
from domain.company import CompanySettings
from domain.credit_memo import CreditMemo
from domain.credit_source import CreditSource
from domain.customer import Customer
from domain.errors import InvalidInput, JobPaymentWithoutInvoice
from domain.invoice import Invoice
from domain.kinds import CREDIT_SOURCES, record_kind_named
from domain.lines import Line
from domain.manual_action import ManualAction
from domain.payment import Payment, PaymentKind
from domain.policy import PolicyLevel
from domain.quickbooks_list import ListKind
from domain.transaction import QuickBooksTransaction

T = TypeVar("T")
S = TypeVar("S", bound=CreditSource)

SYSTEM_ACTOR = "qbsync"
"""The acting name of what qbsync records by itself, e.g. QuickBooks' answers."""

# Who the commands of this context act for; None: nobody named (events then carry no name).
_acting_name: ContextVar[str | None] = ContextVar("qbsync_acting_name", default=None)


def acting_name() -> str | None:
    """Who the commands of this context act for (a token's name, `--by` or the OS user)."""
    return _acting_name.get()


@contextmanager
def acting_as(name: str) -> Iterator[str]:
    """Record every event saved in this block as done by `name`."""
    token = set_acting_name(name)
    try:
        yield name
    finally:
        _acting_name.reset(token)


def set_acting_name(name: str) -> Token[str | None]:
    """Act for `name` in this context (a request, a CLI run) until `reset_acting_name`."""
    return _acting_name.set(name.strip() or None)


def reset_acting_name(token: Token[str | None]) -> None:
    _acting_name.reset(token)


def acted_by(event: object) -> str:
    """The acting name recorded with `event` ("" if none was, e.g. before names were kept)."""
    name = vars(event).get("acted_by", "")
    return name if isinstance(name, str) else ""


# The bulk unit of work open in this context, per Ledger instance (keyed by id(ledger)): a
# second Ledger on the same store must not join another instance's transaction.
_active_units: ContextVar[dict[int, UnitOfWork] | None] = ContextVar(
    "qbsync_active_units", default=None
)


class Ledger(Application[UUID]):
    """The event-sourced ledger of invoices, payments, credit memos and customers."""

    name = "qbsync"

    def __init__(self, env: EnvType | None = None) -> None:
        super().__init__(env)
        # Customers are never removed, so one seen to exist need not be read again.
        self._known_customers: set[UUID] = set()
        self._known_lists = KnownLists()

    def save(self, *objs: Any, **kwargs: Any) -> list[Any]:
        """Save, recording the acting name with every new event (see `acting_as`)."""
        name = _acting_name.get()
        for obj in objs if name else ():
            events = getattr(obj, "pending_events", None)
            for event in events if events is not None else ([obj] if obj is not None else []):
                if "acted_by" not in vars(event):
                    object.__setattr__(event, "acted_by", name)
        return super().save(*objs, **kwargs)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_domain_transcodings(transcoder)

    # Units of work ----------------------------------------------------------------------

    @contextmanager
    def bulk(self) -> Iterator[UnitOfWork]:
        """Run many commands and save them all in one transaction when the block ends.

        A number or reference already in the store is refused as DuplicateRecord when the
        block ends (the store's constraint finds it, with no read per new record), and then,
        as after any error in the block, nothing is saved.
        """
        unit = UnitOfWork(self, defer_new_checks=True)
        token = _active_units.set({**(_active_units.get() or {}), id(self): unit})
        try:
            yield unit
        except BaseException:
            unit.discard()
            raise
        finally:
            _active_units.reset(token)
        unit.commit()

    def _run(self, command: Callable[[UnitOfWork], T]) -> T:
        active = (_active_units.get() or {}).get(id(self))
        if active is not None:
            return command(active)
        unit = UnitOfWork(self)
        result = command(unit)
        unit.commit()
        return result

    # Loading by business key ------------------------------------------------------------

    def _customer(self, unit: UnitOfWork, code: str) -> Customer:
        return unit.get(Customer, ids.customer_id(code), "customer", code)

    def _require_customer(self, unit: UnitOfWork, code: str) -> None:
        customer_id = ids.customer_id(code)
        if customer_id not in self._known_customers:
            customer = self._customer(unit, code)
            if len(customer.pending_events) < customer.version:  # stored, not just registered
                self._known_customers.add(customer_id)

    def _invoice(self, unit: UnitOfWork, number: str) -> Invoice:
        return unit.get(Invoice, ids.invoice_id(number), "invoice", number)

    def _payment(self, unit: UnitOfWork, reference: str) -> Payment:
        return unit.get(Payment, ids.payment_id(reference), "payment", reference)

    def _credit_memo(self, unit: UnitOfWork, number: str) -> CreditMemo:
        return unit.get(CreditMemo, ids.credit_memo_id(number), "credit memo", number)

    def _source(self, unit: UnitOfWork, source_type: type[S], key: str) -> S:
        record = CREDIT_SOURCES[source_type]
        return unit.get(source_type, record.id_of(key), record.name, key)

    def _require_known_items(self, lines: Sequence[Line]) -> None:
        items = [line.item.strip() for line in lines]
        self._known_lists.require(self, ListKind.ITEM, "item", items)

    def _settings(self, unit: UnitOfWork) -> CompanySettings:
        found = unit.find(CompanySettings, ids.company_id())
        if found is None:
            found = CompanySettings()
            unit.add(found)
        return found

    # Customers --------------------------------------------------------------------------

    def register_customer(
        self, code: str, name: str, qb_name: str = "", parent: str = ""
    ) -> Customer:
        def command(unit: UnitOfWork) -> Customer:
            unit.require_new(ids.customer_id(code.strip()), "customer", code)
            if parent:
                self._customer(unit, parent)
            customer = Customer.register(code, name, qb_name=qb_name, parent=parent)
            unit.add(customer)
            return customer

        return self._run(command)

    def rename_customer(self, code: str, name: str) -> Customer:
        return self._run(lambda unit: _then(self._customer(unit, code), lambda c: c.rename(name)))

    def set_customer_qb_name(self, code: str, qb_name: str) -> Customer:
        return self._run(
            lambda unit: _then(self._customer(unit, code), lambda c: c.set_qb_name(qb_name))
        )

    def link_customer(
        self, code: str, list_id: str, edit_sequence: str, full_name: str
    ) -> Customer:
        """Link the customer to a ListID QuickBooks gave, the one way the import and the
        sync do it (the ListID is claimed for this customer)."""

        def link(unit: UnitOfWork) -> Customer:
            customer = self._customer(unit, code)
            link_customer(unit, customer, list_id, edit_sequence, full_name)
            return customer

        return self._run(link)

    def record_opening_balance(self, code: str, balance: Decimal | str) -> Customer:
        return self._run(
            lambda unit: _then(
                self._customer(unit, code), lambda c: c.record_opening_balance(Decimal(balance))
            )
        )

    # Invoices ---------------------------------------------------------------------------

    def create_invoice(
        self,
        number: str,
        customer: str,
        txn_date: date,
        lines: Sequence[Line],
        job_id: str | None = None,
        memo: str = "",
    ) -> Invoice:
        def command(unit: UnitOfWork) -> Invoice:
            unit.require_new(ids.invoice_id(number.strip()), "invoice", number)
            self._require_known_items(lines)
            self._require_customer(unit, customer)
            invoice = Invoice.create(number, customer, txn_date, lines, job_id=job_id, memo=memo)
            unit.add(invoice)
            return invoice

        return self._run(command)

    def edit_invoice_lines(self, number: str, lines: Sequence[Line]) -> Invoice:
        self._require_known_items(lines)
        return self._run(
            lambda unit: _then(self._invoice(unit, number), lambda i: i.edit_lines(lines))
        )

    def correct_invoice(
        self, number: str, lines: Sequence[Line], corrected_by: str, reason: str
    ) -> Invoice:
        self._require_known_items(lines)
        return self._run(
            lambda unit: _then(
                self._invoice(unit, number), lambda i: i.correct(lines, corrected_by, reason)
            )
        )

    def finalize_invoice(self, number: str) -> Invoice:
        return self._run(lambda unit: _then(self._invoice(unit, number), lambda i: i.finalize()))

    def void_invoice(self, number: str, reason: str = "") -> ManualAction | None:
        def command(unit: UnitOfWork) -> ManualAction | None:
            action = applying.void_invoice(self._invoice(unit, number), reason)
            unit.add(action)
            return action

        return self._run(command)

    def write_off_invoice(self, number: str, reason: str = "") -> ManualAction | None:
        def command(unit: UnitOfWork) -> ManualAction | None:
            action = applying.write_off_invoice(self._invoice(unit, number), reason)
            unit.add(action)
            return action

        return self._run(command)

    # Payments ---------------------------------------------------------------------------

    def record_job_payment(
        self,
        reference: str,
        invoice: str | None,
        amount: Decimal | str,
        txn_date: date,
        method: str = "",
        check_number: str = "",
        memo: str = "",
    ) -> Payment:
        def command(unit: UnitOfWork) -> Payment:
            if not invoice or not invoice.strip():
                raise JobPaymentWithoutInvoice(
                    f"job payment {reference} must be applied to exactly one invoice; record it "
                    "as an account payment if it has none"
                )
            unit.require_new(ids.payment_id(reference.strip()), "payment", reference)
            self._known_lists.require(self, ListKind.PAYMENT_METHOD, "method", [method])
            target = self._invoice(unit, invoice)
            payment = applying.record_job_payment(
                target, reference, amount, txn_date, method, check_number, memo
            )
            unit.add(payment)
            return payment

        return self._run(command)

    def record_account_payment(
        self,
        reference: str,
        customer: str,
        amount: Decimal | str,
        txn_date: date,
        method: str = "",
        check_number: str = "",
        memo: str = "",
    ) -> Payment:
        def command(unit: UnitOfWork) -> Payment:
            unit.require_new(ids.payment_id(reference.strip()), "payment", reference)
            self._known_lists.require(self, ListKind.PAYMENT_METHOD, "method", [method])
            self._require_customer(unit, customer)
            payment = Payment.record(
                PaymentKind.ACCOUNT,
                reference,
                customer,
                amount,
                txn_date,
                method,
                check_number,
                memo,
            )
            unit.add(payment)
            return payment

        return self._run(command)

    def apply_payment(self, reference: str, invoice: str, amount: Decimal | str) -> Payment:
        return self._apply(Payment, reference, invoice, amount)

    def unapply_payment(self, reference: str, invoice: str) -> Payment:
        return self._unapply(Payment, reference, invoice)

    def finish_payment(self, reference: str) -> Payment:
        return self._run(lambda unit: _then(self._payment(unit, reference), lambda p: p.finish()))

    def void_payment(self, reference: str, reason: str = "") -> ManualAction | None:
        return self._void_source(Payment, reference, reason)

    # Credit memos -----------------------------------------------------------------------

    def create_credit_memo(
        self, number: str, customer: str, txn_date: date, lines: Sequence[Line], memo: str = ""
    ) -> CreditMemo:
        def command(unit: UnitOfWork) -> CreditMemo:
            unit.require_new(ids.credit_memo_id(number.strip()), "credit memo", number)
            self._require_known_items(lines)
            self._require_customer(unit, customer)
            memo_ = CreditMemo.create(number, customer, txn_date, lines, memo=memo)
            unit.add(memo_)
            return memo_

        return self._run(command)

    def apply_credit_memo(self, number: str, invoice: str, amount: Decimal | str) -> CreditMemo:
        return self._apply(CreditMemo, number, invoice, amount)

    def unapply_credit_memo(self, number: str, invoice: str) -> CreditMemo:
        return self._unapply(CreditMemo, number, invoice)

    def correct_credit_memo(
        self, number: str, lines: Sequence[Line], corrected_by: str, reason: str
    ) -> CreditMemo:
        self._require_known_items(lines)
        return self._run(
            lambda unit: _then(
                self._credit_memo(unit, number), lambda c: c.correct(lines, corrected_by, reason)
            )
        )

    def finish_credit_memo(self, number: str) -> CreditMemo:
        return self._run(lambda unit: _then(self._credit_memo(unit, number), lambda c: c.finish()))

    def void_credit_memo(self, number: str, reason: str = "") -> ManualAction | None:
        return self._void_source(CreditMemo, number, reason)

    def _apply(self, kind: type[S], key: str, invoice: str, amount: Decimal | str) -> S:
        def command(unit: UnitOfWork) -> S:
            source = self._source(unit, kind, key)
            applying.apply_credit(source, self._invoice(unit, invoice), amount)
            return source

        return self._run(command)

    def _unapply(self, kind: type[S], key: str, invoice: str) -> S:
        def command(unit: UnitOfWork) -> S:
            source = self._source(unit, kind, key)
            applying.unapply_credit(source, self._invoice(unit, invoice))
            return source

        return self._run(command)

    def _void_source(self, kind: type[CreditSource], key: str, reason: str) -> ManualAction | None:
        def command(unit: UnitOfWork) -> ManualAction | None:
            source = self._source(unit, kind, key)
            invoices = {number: self._invoice(unit, number) for number in source.applications}
            action = applying.void_credit_source(source, invoices, reason)
            unit.add(action)
            return action

        return self._run(command)

    # QuickBooks' answers ----------------------------------------------------------------

    def record_imported(self, kind: str, key: str, txn_id: str, edit_sequence: str) -> None:
        def command(unit: UnitOfWork) -> None:
            load_record(unit, kind, key).record_imported(txn_id, edit_sequence)

        self._run(command)

    def record_applied(self, kind: str, key: str, invoice: str, edit_sequence: str = "") -> None:
        def command(unit: UnitOfWork) -> None:
            record = load_record(unit, kind, key)
            if not isinstance(record, CreditSource):
                raise InvalidInput(
                    f"{record.label} is not applied to invoices: only a payment or a credit memo is"
                )
            record.record_applied_in_quickbooks(invoice, edit_sequence)

        self._run(command)

    # Company settings and manual actions ------------------------------------------------

    def company_settings(self) -> CompanySettings:
        return self._settings(UnitOfWork(self))

    def change_policy_level(self, to: PolicyLevel, changed_by: str) -> CompanySettings:
        return self._run(
            lambda unit: _then(
                self._settings(unit), lambda s: s.change_policy_level(to, changed_by)
            )
        )

    def record_import_completed(self, run_id: str) -> CompanySettings:
        return self._run(
            lambda unit: _then(self._settings(unit), lambda s: s.record_import_completed(run_id))
        )

    def request_import(
        self, page_size: int, confirm: bool, confirmed_by: str, lists_only: bool = False
    ) -> CompanySettings:
        return self._run(
            lambda unit: _then(
                self._settings(unit),
                lambda s: s.request_import(page_size, confirm, confirmed_by, lists_only),
            )
        )

    def withdraw_import_request(self, reason: str) -> CompanySettings:
        return self._run(
            lambda unit: _then(self._settings(unit), lambda s: s.withdraw_import_request(reason))
        )

    def mark_manual_action_done(
        self, action_id: UUID, done_by: str, note: str = ""
    ) -> ManualAction:
        return self._run(
            lambda unit: _then(
                unit.get(ManualAction, action_id, "manual action", str(action_id)),
                lambda a: a.mark_done(done_by, note),
            )
        )

    # Reads ------------------------------------------------------------------------------

    def customer(self, code: str) -> Customer:
        return self._customer(UnitOfWork(self), code)

    def invoice(self, number: str) -> Invoice:
        return self._invoice(UnitOfWork(self), number)

    def payment(self, reference: str) -> Payment:
        return self._payment(UnitOfWork(self), reference)

    def credit_memo(self, number: str) -> CreditMemo:
        return self._credit_memo(UnitOfWork(self), number)

    def manual_action(self, action_id: UUID) -> ManualAction:
        return UnitOfWork(self).get(ManualAction, action_id, "manual action", str(action_id))

    def history(self, aggregate_id: UUID) -> list[Any]:
        """Every event of one aggregate, oldest first."""
        return list(self.events.get(aggregate_id))


def load_record(unit: UnitOfWork, kind: str, key: str) -> QuickBooksTransaction:
    """The invoice, payment or credit memo a kind (in any spelling) and key name."""
    record = record_kind_named(kind)
    return unit.get(record.aggregate, record.id_of(key), record.name, key)


def _then(aggregate: T, change: Callable[[T], object]) -> T:
    change(aggregate)
    return aggregate
