"""Company settings (policy level, imports), manual actions and customers."""

from __future__ import annotations

import pytest

from domain.company import CompanySettings
from domain.customer import Customer
from domain.errors import InvalidInput, InvalidReference, InvalidTransition, LockedByQuickBooks
from domain.manual_action import ManualAction
from domain.policy import PolicyLevel
from tests.unit.domain.builders import event_fields, event_names


def test_the_company_starts_conservative() -> None:
    assert CompanySettings().policy_level is PolicyLevel.CONSERVATIVE


def test_a_policy_change_records_who_and_from_which_level_to_which() -> None:
    settings = CompanySettings()
    settings.collect_events()
    assert settings.change_policy_level(PolicyLevel.AGGRESSIVE, "  controller ann ") is True
    (changed,) = settings.collect_events()
    assert type(changed).__name__ == "PolicyLevelChanged"
    fields = event_fields(changed)
    assert fields["from_level"] is PolicyLevel.CONSERVATIVE
    assert fields["to_level"] is PolicyLevel.AGGRESSIVE
    assert fields["changed_by"] == "controller ann"
    assert settings.policy_level is PolicyLevel.AGGRESSIVE


def test_changing_to_the_current_level_records_nothing() -> None:
    settings = CompanySettings(PolicyLevel.MODERATE)
    settings.collect_events()
    assert settings.change_policy_level(PolicyLevel.MODERATE, "ann") is False
    assert settings.collect_events() == []


def test_a_policy_change_must_say_who_made_it() -> None:
    settings = CompanySettings()
    with pytest.raises(InvalidReference):
        settings.change_policy_level(PolicyLevel.MODERATE, " ")
    assert settings.policy_level is PolicyLevel.CONSERVATIVE


def test_policy_levels_parse_leniently_and_refuse_unknown_names() -> None:
    assert PolicyLevel.parse(" Moderate ") is PolicyLevel.MODERATE
    with pytest.raises(InvalidInput, match="conservative, moderate, aggressive"):
        PolicyLevel.parse("reckless")


def test_completed_imports_are_counted() -> None:
    settings = CompanySettings()
    settings.record_import_completed("run-1")
    settings.record_import_completed("run-2")
    assert settings.imports_completed == 2


def open_action() -> ManualAction:
    return ManualAction(
        subject="invoice 1-1", action="void", occurrence=1, qb_txn_id="T1", instructions="void it"
    )


def test_a_manual_action_is_marked_done_once() -> None:
    action = open_action()
    action.mark_done(" bookkeeper bo ", "voided in QB")
    assert action.done
    assert action.done_by == "bookkeeper bo"
    with pytest.raises(InvalidTransition, match="already done"):
        action.mark_done("someone else")
    assert action.done_by == "bookkeeper bo"
    assert event_names(action) == ["Opened", "Done"]


def test_marking_a_manual_action_done_must_say_who() -> None:
    action = open_action()
    with pytest.raises(InvalidReference):
        action.mark_done("  ")
    assert not action.done


def test_a_customer_needs_a_code_and_a_name() -> None:
    with pytest.raises(InvalidReference):
        Customer.register(" ", "Acme")
    with pytest.raises(InvalidReference):
        Customer.register("C1", " ")
    with pytest.raises(InvalidReference):
        Customer.register("C1", "Acme").rename("")


def test_a_linked_customers_qb_name_is_locked() -> None:
    customer = Customer.register("C1", "Acme", qb_name="Acme Towing")
    assert customer.name_for_quickbooks == "Acme Towing"
    customer.link_to_quickbooks("LIST-1", "E1", "Acme Towing")
    customer.set_qb_name("Acme Towing")
    with pytest.raises(LockedByQuickBooks, match="LIST-1"):
        customer.set_qb_name("Other")
    with pytest.raises(InvalidReference):
        customer.link_to_quickbooks(" ", "E1", "x")
    assert customer.qb_name == "Acme Towing"
