"""The moments index gives the position `replay.position_at` finds by reading the whole log,
for timestamps in any order and the log indexed in stretches of any length."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from projections.readiness.log import LoggedEvent
from projections.readiness.moments import Staircase, microseconds
from projections.readiness.replay import position_at

START = datetime(2024, 3, 1, tzinfo=UTC)


def log_of(offsets: list[int]) -> list[LoggedEvent]:
    return [
        LoggedEvent(n + 1, "oid", 1, "t:E", START + timedelta(microseconds=o), {})
        for n, o in enumerate(offsets)
    ]


class Index:
    """The table's rules: a stretch removes the steps at or after its earliest moment."""

    def __init__(self) -> None:
        self.steps: dict[int, int] = {}

    def add(self, stretch: Staircase) -> None:
        if stretch.earliest is not None:
            self.steps = {p: at for p, at in self.steps.items() if at < stretch.earliest}
            self.steps.update(stretch.steps)

    def position_at(self, at: int) -> int:
        found = [(a, p) for p, a in self.steps.items() if a <= at]
        return max(found)[1] if found else 0


@given(
    st.lists(st.integers(0, 40), min_size=1, max_size=40),
    st.lists(st.integers(1, 7), min_size=1, max_size=10),
    st.lists(st.integers(-2, 42), min_size=1, max_size=10),
)
def test_the_index_finds_the_last_position_at_or_before_a_moment(
    offsets: list[int], stretches: list[int], moments: list[int]
) -> None:
    log, index, done = log_of(offsets), Index(), 0
    while done < len(log):
        size = stretches[done % len(stretches)]
        stretch = Staircase()
        passed = list(stretch.noting(log[: done + size], after=done))  # repeats are skipped
        assert passed == log[: done + size]
        index.add(stretch)
        done += size
        for offset in moments:
            moment = START + timedelta(microseconds=offset)
            expected = position_at(log[: min(done, len(log))], moment)
            assert index.position_at(microseconds(moment)) == expected


def test_microseconds_are_exact() -> None:
    moment = datetime(2026, 12, 3, 13, 45, 1, 999_999, tzinfo=UTC)
    assert microseconds(moment) - microseconds(moment - timedelta(microseconds=1)) == 1
