"""Iterator paging shared by the queries: iterator="Start"/"Continue"/"Stop" + iteratorID."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar, Literal, Self

from lxml import etree

from adapters.quickbooks.qbxml.checks import check_positive_int, check_text, fail
from domain import limits

IteratorStep = Literal["Start", "Continue", "Stop"]
_ITERATOR_STEPS = ("Start", "Continue", "Stop")


@dataclass(frozen=True, kw_only=True)
class PagedQuery:
    """Iterator fields shared by every query; only some request types accept them."""

    supports_iterator: ClassVar[bool] = False

    iterator: IteratorStep | None = None
    iterator_id: str | None = None
    max_returned: int | None = None
    request_id: str | None = None

    def _check_paging(self, request: str, selects_by_key: bool) -> None:
        check_positive_int(request, "MaxReturned", self.max_returned)
        if self.max_returned is not None and selects_by_key:
            raise fail(request, "MaxReturned only works with a filter, not with IDs or names")
        if self.iterator is None:
            if self.iterator_id is not None:
                raise fail(request, "iteratorID given without iterator='Continue' or 'Stop'")
            return
        if not self.supports_iterator:
            raise fail(request, "QuickBooks has no iterator for this query: leave it out")
        if self.iterator not in _ITERATOR_STEPS:
            raise fail(request, f"iterator {self.iterator!r} must be one of {_ITERATOR_STEPS}")
        if self.iterator == "Start" and self.iterator_id is not None:
            raise fail(request, "iterator='Start' must not carry an iteratorID")
        if self.iterator != "Start" and not self.iterator_id:
            raise fail(
                request,
                f"iterator={self.iterator!r} needs the iteratorID from the previous answer",
            )
        if self.iterator_id is not None:
            check_text(
                request,
                "iteratorID",
                self.iterator_id,
                limits.ITERATOR_ID,
                "use the iteratorID exactly as the previous answer gave it",
            )

    def continue_with(self, iterator_id: str) -> Self:
        """The next page: the same query with iterator='Continue' and `iterator_id`."""
        return replace(self, iterator="Continue", iterator_id=iterator_id)

    def _request_element(self, tag: str) -> etree._Element:
        request = etree.Element(tag)
        if self.iterator is not None:
            request.set("iterator", self.iterator)
        if self.iterator_id is not None:
            request.set("iteratorID", self.iterator_id)
        return request
