from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from adapters.quickbooks.webconnector.ports import (
    QbwcSession,
    WorkSource,
    WorkSourceRegistry,
    percent_done,
)
from tests.unit.qbwc.scripted_source import ScriptedWorkSource

ALICE = QbwcSession("t1", "alice", "acme", "")
CAROL = QbwcSession("t2", "carol", "acme", "")
BOB = QbwcSession("t3", "bob", "globex", "")


@given(total=st.integers(min_value=1, max_value=10_000), data=st.data())
def test_percent_done_reaches_100_only_when_everything_is_done(
    total: int, data: st.DataObject
) -> None:
    done = data.draw(st.integers(min_value=0, max_value=total))
    percent = percent_done(done, total)
    assert (percent == 100) == (done == total)
    assert 0 <= percent <= 100


def test_the_registry_prefers_a_users_own_source_over_the_companys() -> None:
    company_source = ScriptedWorkSource(["<a/>"])
    carol_source = ScriptedWorkSource(["<c/>"])
    registry = WorkSourceRegistry()
    registry.register_source("acme", company_source)
    registry.register_source("acme", carol_source, username="carol")
    assert registry.source_for(ALICE) is company_source
    assert registry.source_for(CAROL) is carol_source
    assert registry.source_for(BOB) is None


def test_a_factory_makes_one_source_per_session() -> None:
    made: list[QbwcSession] = []

    def factory(session: QbwcSession) -> WorkSource:
        made.append(session)
        return ScriptedWorkSource([])

    registry = WorkSourceRegistry()
    registry.register("acme", factory)
    assert registry.source_for(ALICE) is not registry.source_for(CAROL)
    assert made == [ALICE, CAROL]


def test_the_scripted_source_resends_an_unanswered_request() -> None:
    source = ScriptedWorkSource(["<one/>", "<two/>"])
    assert source.has_work(ALICE)
    assert source.next_request(ALICE) == "<one/>"
    assert source.next_request(ALICE) == "<one/>"
    assert source.receive_response(ALICE, "<r1/>") == 50
    assert source.next_request(ALICE) == "<two/>"
    assert source.receive_response(ALICE, "<r2/>") == 100
    assert source.next_request(ALICE) is None
    assert not source.has_work(ALICE)
    assert source.receive_response(ALICE, "<extra/>") < 0
    assert "no request" in source.last_error(ALICE)
