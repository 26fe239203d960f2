"""`…Ret` elements for transactions, children in the schema's order.

Like QuickBooks, an invoice reports its AppliedAmount and its LinkedTxn amounts as negative
numbers (money taken off the invoice).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lxml import etree

from adapters.quickbooks.simulator.balances import unused_credits
from adapters.quickbooks.simulator.company import Company
from adapters.quickbooks.simulator.model import (
    ZERO,
    CreditMemo,
    Invoice,
    ReceivePayment,
    SalesLine,
    SalesTxn,
)
from adapters.quickbooks.simulator.responses import (
    Element,
    add_bool,
    add_date,
    add_money,
    add_number,
    add_ref,
    add_text,
    add_txn_core,
)


@dataclass(frozen=True)
class Link:
    txn_id: str
    txn_type: str
    txn_date: date
    ref_number: str | None
    amount: Decimal


def _add_linked_txn(parent: Element, link: Link) -> None:
    element = etree.SubElement(parent, "LinkedTxn")
    add_text(element, "TxnID", link.txn_id)
    add_text(element, "TxnType", link.txn_type)
    add_date(element, "TxnDate", link.txn_date)
    add_text(element, "RefNumber", link.ref_number)
    add_text(element, "LinkType", "AMTTYPE")
    add_money(element, "Amount", link.amount)


def invoice_links(company: Company, invoice: Invoice) -> list[Link]:
    links: list[Link] = []
    for payment in company.payments.values():
        for app in payment.applications:
            if app.invoice_id != invoice.txn_id:
                continue
            if app.payment_amount > ZERO:
                links.append(
                    Link(
                        payment.txn_id,
                        "ReceivePayment",
                        payment.txn_date,
                        payment.ref_number,
                        -app.payment_amount,
                    )
                )
            for use in app.credits:
                memo = company.credit_memos[use.credit_memo_id]
                links.append(
                    Link(memo.txn_id, "CreditMemo", memo.txn_date, memo.ref_number, -use.amount)
                )
    return links


def credit_memo_links(company: Company, memo: CreditMemo) -> list[Link]:
    """A credit memo links to each invoice a payment applied it to."""
    links: list[Link] = []
    for payment in company.payments.values():
        for app in payment.applications:
            for use in app.credits:
                if use.credit_memo_id == memo.txn_id:
                    invoice = company.invoices[app.invoice_id]
                    links.append(
                        Link(
                            invoice.txn_id,
                            "Invoice",
                            invoice.txn_date,
                            invoice.ref_number,
                            -use.amount,
                        )
                    )
    return links


def _add_sales_header(ret: Element, company: Company, txn: SalesTxn) -> None:
    add_txn_core(ret, txn)
    add_ref(ret, "CustomerRef", company.customers.get(txn.customer_id))
    add_ref(ret, "ARAccountRef", company.accounts.get(txn.ar_account_id))
    add_date(ret, "TxnDate", txn.txn_date)
    add_text(ret, "RefNumber", txn.ref_number)
    add_bool(ret, "IsPending", txn.is_pending)


def _add_line(parent: Element, tag: str, company: Company, line: SalesLine) -> None:
    element = etree.SubElement(parent, tag)
    add_text(element, "TxnLineID", line.line_id)
    add_ref(element, "ItemRef", company.items.get(line.item_id or ""))
    add_text(element, "Desc", line.description)
    add_number(element, "Quantity", line.quantity)
    add_number(element, "Rate", line.rate)
    add_money(element, "Amount", line.amount)
    add_date(element, "ServiceDate", line.service_date)
    add_ref(element, "SalesTaxCodeRef", company.sales_tax_codes.get(line.sales_tax_code_id or ""))


def invoice_ret(
    company: Company, invoice: Invoice, *, include_lines: bool, include_links: bool
) -> Element:
    ret = etree.Element("InvoiceRet")
    _add_sales_header(ret, company, invoice)
    add_bool(ret, "IsFinanceCharge", False)
    add_text(ret, "PONumber", invoice.po_number)
    add_ref(ret, "TermsRef", company.terms.get(invoice.terms_id or ""))
    add_date(ret, "DueDate", invoice.due_date)
    add_money(ret, "Subtotal", invoice.subtotal)
    add_text(ret, "SalesTaxPercentage", "0.00")
    add_money(ret, "SalesTaxTotal", ZERO)
    add_money(ret, "AppliedAmount", -invoice.applied_amount)
    add_money(ret, "BalanceRemaining", invoice.balance_remaining)
    add_text(ret, "Memo", invoice.memo)
    add_bool(ret, "IsPaid", invoice.is_paid)
    add_bool(ret, "IsToBePrinted", False)
    add_bool(ret, "IsToBeEmailed", False)
    add_ref(
        ret,
        "CustomerSalesTaxCodeRef",
        company.sales_tax_codes.get(invoice.customer_sales_tax_code_id or ""),
    )
    if include_links:
        for link in invoice_links(company, invoice):
            _add_linked_txn(ret, link)
    if include_lines:
        for line in invoice.lines:
            _add_line(ret, "InvoiceLineRet", company, line)
    return ret


def credit_memo_ret(
    company: Company, memo: CreditMemo, *, include_lines: bool, include_links: bool
) -> Element:
    ret = etree.Element("CreditMemoRet")
    _add_sales_header(ret, company, memo)
    add_text(ret, "PONumber", memo.po_number)
    add_ref(ret, "TermsRef", company.terms.get(memo.terms_id or ""))
    add_date(ret, "DueDate", memo.due_date)
    add_money(ret, "Subtotal", memo.subtotal)
    add_text(ret, "SalesTaxPercentage", "0.00")
    add_money(ret, "SalesTaxTotal", ZERO)
    add_money(ret, "TotalAmount", memo.subtotal)
    add_money(ret, "CreditRemaining", memo.credit_remaining)
    add_text(ret, "Memo", memo.memo)
    add_bool(ret, "IsToBePrinted", False)
    add_bool(ret, "IsToBeEmailed", False)
    add_ref(
        ret,
        "CustomerSalesTaxCodeRef",
        company.sales_tax_codes.get(memo.customer_sales_tax_code_id or ""),
    )
    if include_links:
        for link in credit_memo_links(company, memo):
            _add_linked_txn(ret, link)
    if include_lines:
        for line in memo.lines:
            _add_line(ret, "CreditMemoLineRet", company, line)
    return ret


def receive_payment_ret(
    company: Company, payment: ReceivePayment, *, include_applications: bool
) -> Element:
    ret = etree.Element("ReceivePaymentRet")
    add_txn_core(ret, payment)
    add_ref(ret, "CustomerRef", company.customers.get(payment.customer_id))
    add_ref(ret, "ARAccountRef", company.accounts.get(payment.ar_account_id))
    add_date(ret, "TxnDate", payment.txn_date)
    add_text(ret, "RefNumber", payment.ref_number)
    add_money(ret, "TotalAmount", payment.total_amount)
    add_ref(ret, "PaymentMethodRef", company.payment_methods.get(payment.payment_method_id or ""))
    add_text(ret, "Memo", payment.memo)
    add_ref(ret, "DepositToAccountRef", company.accounts.get(payment.deposit_account_id))
    add_money(ret, "UnusedPayment", payment.unused_payment)
    add_money(ret, "UnusedCredits", unused_credits(company, payment.customer_id))
    if include_applications:
        for app in payment.applications:
            invoice = company.invoices[app.invoice_id]
            applied = etree.SubElement(ret, "AppliedToTxnRet")
            add_text(applied, "TxnID", invoice.txn_id)
            add_text(applied, "TxnType", "Invoice")
            add_date(applied, "TxnDate", invoice.txn_date)
            add_text(applied, "RefNumber", invoice.ref_number)
            add_money(applied, "BalanceRemaining", invoice.balance_remaining)
            add_money(applied, "Amount", app.payment_amount)
            for use in app.credits:
                memo = company.credit_memos[use.credit_memo_id]
                _add_linked_txn(
                    applied,
                    Link(memo.txn_id, "CreditMemo", memo.txn_date, memo.ref_number, -use.amount),
                )
    return ret
