from __future__ import annotations

import pytest

from adapters.quickbooks.webconnector.ports import QbwcSession, WorkSourceRegistry
from adapters.quickbooks.webconnector.service import (
    REFUSED_TICKET_MESSAGE,
    VersionPolicy,
    WebConnectorService,
)
from adapters.quickbooks.webconnector.users import QbwcUser, UserDirectory
from tests.unit.qbwc.factories import (
    ACME_FILE,
    ALICE_PASSWORD,
    BOB_PASSWORD,
    GLOBEX_FILE,
    Setup,
    cheap_hash,
    fake_quickbooks,
    make_setup,
)
from tests.unit.qbwc.scripted_source import ScriptedWorkSource


def send(setup: Setup, ticket: str, company_file: str = ACME_FILE) -> str:
    return setup.service.send_request_xml(ticket, "", company_file, "US", 13, 0)


def login_alice(setup: Setup) -> str:
    ticket, company_file = setup.service.authenticate("alice", ALICE_PASSWORD)
    assert company_file == ACME_FILE
    return ticket


@pytest.mark.parametrize(
    ("version", "verdict_prefix"),
    [
        ("2.3.0.215", ""),
        ("2.1.0.30", "W:"),
        ("2.0.1.7", "O:"),
        ("1.5.0.0", "E:"),
        ("not a version", "E:"),
        ("", "E:"),
    ],
)
def test_client_version_rules(version: str, verdict_prefix: str) -> None:
    verdict = VersionPolicy().judge(version)
    if verdict_prefix:
        assert verdict.startswith(verdict_prefix)
    else:
        assert verdict == ""


def test_upgrade_verdict_names_the_required_version() -> None:
    assert VersionPolicy().judge("2.0.1.7") == "O:2.1.0.30"


def test_a_full_session_reports_honest_percentages_and_ends_at_100() -> None:
    setup = make_setup(acme_requests=3)
    ticket = login_alice(setup)
    percents = []
    for _ in range(3):
        request = send(setup, ticket)
        assert "<CustomerQueryRq" in request
        percents.append(
            setup.service.receive_response_xml(ticket, fake_quickbooks(request), "", "")
        )
    assert percents == [33, 66, 100]
    assert setup.acme.answered == 3
    assert setup.service.close_connection(ticket) == "OK: 3 of 3 request(s) answered."
    assert setup.acme.closed_sessions
    assert setup.acme.closed_sessions[0].ticket == ticket
    assert not setup.globex.saw_anything


def test_sessions_know_their_company() -> None:
    setup = make_setup()
    ticket = login_alice(setup)
    send(setup, ticket)
    assert setup.acme.sessions_seen == [QbwcSession(ticket, "alice", "acme", ACME_FILE)]


def test_wrong_password_and_unknown_user_are_not_valid_users() -> None:
    setup = make_setup()
    assert setup.service.authenticate("alice", "wrong") == ["", "nvu"]
    assert setup.service.authenticate("mallory", ALICE_PASSWORD) == ["", "nvu"]
    assert setup.service.sessions.active_count() == 0
    assert not setup.acme.saw_anything


def test_a_company_without_work_answers_none_with_optional_postpone() -> None:
    setup = make_setup(acme_requests=0)
    ticket, answer = setup.service.authenticate("alice", ALICE_PASSWORD)
    assert ticket
    assert answer == "none"
    postponing = WebConnectorService(
        setup.service.users, setup.service.sources, postpone_seconds_when_idle=600
    )
    assert postponing.authenticate("alice", ALICE_PASSWORD)[1:] == ["none", "600"]


def test_user_of_the_open_file_gets_an_empty_company_file() -> None:
    setup = make_setup()
    ticket, company_file = setup.service.authenticate("bob", BOB_PASSWORD)
    assert ticket
    assert company_file == ""


def test_an_unknown_ticket_is_refused_and_explained() -> None:
    setup = make_setup()
    login_alice(setup)
    assert send(setup, "forged-ticket") == ""
    assert setup.service.receive_response_xml("forged-ticket", fake_quickbooks(""), "", "") < 0
    assert setup.service.get_last_error("forged-ticket") == REFUSED_TICKET_MESSAGE
    assert not setup.acme.saw_anything or setup.acme.responses == []


def test_an_expired_ticket_is_refused_and_the_source_released() -> None:
    setup = make_setup(ttl_seconds=60)
    ticket = login_alice(setup)
    setup.clock.advance(61)
    assert send(setup, ticket) == ""
    assert setup.service.get_last_error(ticket) == REFUSED_TICKET_MESSAGE
    assert setup.acme.responses == []
    assert [session.ticket for session in setup.acme.closed_sessions] == [ticket]


def test_activity_keeps_a_session_alive() -> None:
    setup = make_setup(ttl_seconds=60)
    ticket = login_alice(setup)
    for _ in range(3):
        setup.clock.advance(45)
        request = send(setup, ticket)
        assert request
        setup.service.receive_response_xml(ticket, fake_quickbooks(request), "", "")
    assert setup.acme.answered == 3


def test_another_companys_ticket_is_refused_on_a_company_endpoint() -> None:
    setup = make_setup()
    ticket = login_alice(setup)
    request = setup.service.send_request_xml(
        ticket, "", ACME_FILE, "US", 13, 0, company_scope="globex"
    )
    assert request == ""
    assert setup.service.get_last_error(ticket, company_scope="globex") == REFUSED_TICKET_MESSAGE
    assert setup.service.close_connection(ticket, company_scope="globex").startswith("No open")
    assert setup.acme.sessions_seen
    assert setup.acme.responses == []
    assert not setup.globex.saw_anything
    assert send(setup, ticket), "the refusal must not end alice's own session"


def test_a_user_of_another_company_cannot_log_in_on_a_company_endpoint() -> None:
    setup = make_setup()
    assert setup.service.authenticate("alice", ALICE_PASSWORD, company_scope="globex") == [
        "",
        "nvu",
    ]


def test_the_wrong_company_file_is_refused_before_any_work() -> None:
    setup = make_setup()
    ticket = login_alice(setup)
    assert send(setup, ticket, company_file=GLOBEX_FILE) == ""
    assert "Acme Plumbing.qbw" in setup.service.get_last_error(ticket)
    assert setup.acme.responses == []


def test_company_file_names_compare_like_windows_paths() -> None:
    setup = make_setup()
    ticket = login_alice(setup)
    assert send(setup, ticket, company_file=ACME_FILE.upper().replace("\\", "/"))


def test_an_open_file_user_is_pinned_to_the_first_file_reported() -> None:
    setup = make_setup()
    ticket, _ = setup.service.authenticate("bob", BOB_PASSWORD)
    first = setup.service.send_request_xml(ticket, "", GLOBEX_FILE, "US", 13, 0)
    setup.service.receive_response_xml(ticket, fake_quickbooks(first), "", "")
    assert setup.service.send_request_xml(ticket, "", ACME_FILE, "US", 13, 0) == ""
    assert setup.globex.answered == 1


def test_a_quickbooks_error_reaches_the_source_and_get_last_error() -> None:
    setup = make_setup()
    ticket = login_alice(setup)
    send(setup, ticket)
    percent = setup.service.receive_response_xml(
        ticket, "", "0x80040400", "QuickBooks found an error"
    )
    assert percent < 0
    assert setup.acme.errors == [("0x80040400", "QuickBooks found an error")]
    last_error = setup.service.get_last_error(ticket)
    assert "0x80040400" in last_error
    assert "QuickBooks found an error" in last_error
    assert setup.service.close_connection(ticket).startswith("Closed after an error")


def test_an_answer_nobody_asked_for_is_refused() -> None:
    setup = make_setup()
    ticket = login_alice(setup)
    assert setup.service.receive_response_xml(ticket, fake_quickbooks(""), "", "") < 0
    assert setup.acme.responses == []
    assert "no request was waiting" in setup.service.get_last_error(ticket)


def test_an_unsafe_qbxml_answer_never_reaches_the_source() -> None:
    setup = make_setup()
    ticket = login_alice(setup)
    send(setup, ticket)
    bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><QBXML>&a;</QBXML>'
    assert setup.service.receive_response_xml(ticket, bomb, "", "") < 0
    assert setup.acme.responses == []
    assert "refused" in setup.service.get_last_error(ticket)


def test_a_connection_error_is_recorded_and_done() -> None:
    setup = make_setup()
    ticket = login_alice(setup)
    assert setup.service.connection_error(ticket, "0x80040401", "Could not access QB") == "done"
    assert "0x80040401" in setup.service.get_last_error(ticket)
    assert setup.acme.errors == [("0x80040401", "Could not access QB")]
    assert setup.service.connection_error("unknown", "0x1", "x") == "done"


def test_get_last_error_is_noop_when_nothing_went_wrong() -> None:
    setup = make_setup()
    ticket = login_alice(setup)
    assert setup.service.get_last_error(ticket) == "NoOp"


def test_nothing_left_to_send_is_explained() -> None:
    setup = make_setup(acme_requests=1)
    ticket = login_alice(setup)
    request = send(setup, ticket)
    assert setup.service.receive_response_xml(ticket, fake_quickbooks(request), "", "") == 100
    assert send(setup, ticket) == ""
    assert "nothing left" in setup.service.get_last_error(ticket)


class ExplodingSource(ScriptedWorkSource):
    def next_request(self, session: QbwcSession) -> str | None:  # noqa: ARG002  (the port's signature)
        raise RuntimeError("database is down: password=hunter2")


def test_a_failing_work_source_becomes_an_error_message_not_a_crash() -> None:
    registry = WorkSourceRegistry()
    registry.register_source("acme", ExplodingSource(["<QBXML/>"]))
    users = UserDirectory([QbwcUser("alice", "acme", cheap_hash(ALICE_PASSWORD), ACME_FILE)])
    service = WebConnectorService(users, registry)
    ticket, _ = service.authenticate("alice", ALICE_PASSWORD)
    assert service.send_request_xml(ticket, "", ACME_FILE, "US", 13, 0) == ""
    last_error = service.get_last_error(ticket)
    assert "server failed" in last_error
    assert "hunter2" not in last_error


def test_a_new_login_ends_the_companys_older_session() -> None:
    setup = make_setup()
    first = login_alice(setup)
    second = login_alice(setup)
    assert send(setup, first) == ""
    assert send(setup, second)
    assert [session.ticket for session in setup.acme.closed_sessions] == [first]


def test_call_dispatches_by_operation_name() -> None:
    setup = make_setup()
    answer = setup.service.call(
        "authenticate", {"strUserName": "alice", "strPassword": ALICE_PASSWORD}
    )
    assert isinstance(answer, list)
    assert answer[1] == ACME_FILE
    assert setup.service.call("serverVersion", {}) == "qbsync 0.1.0"
    with pytest.raises(KeyError):
        setup.service.call("dropTables", {})
