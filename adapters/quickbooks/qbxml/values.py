"""Values shared by several requests: references to list entries and postal addresses."""

from __future__ import annotations

from dataclasses import dataclass

from adapters.quickbooks.qbxml.checks import check_id, check_text, fail
from domain import limits


@dataclass(frozen=True)
class QbRef:
    """A reference to a QuickBooks list entry by ListID or by FullName (exactly one)."""

    list_id: str | None = None
    full_name: str | None = None

    @classmethod
    def by_id(cls, list_id: str) -> QbRef:
        return cls(list_id=list_id)

    @classmethod
    def by_name(cls, full_name: str) -> QbRef:
        return cls(full_name=full_name)

    def check(self, request: str, field: str, full_name_limit: int) -> None:
        """Raise QbxmlFieldError unless this reference fits where `request` uses it."""
        if (self.list_id is None) == (self.full_name is None):
            raise fail(request, f"{field} needs exactly one of ListID or FullName")
        check_id(request, f"{field} ListID", self.list_id, required=False)
        check_text(
            request,
            f"{field} FullName",
            self.full_name,
            full_name_limit,
            "refer to the entry by ListID instead, or shorten its name in QuickBooks",
        )
        if self.full_name is not None and not self.full_name.strip():
            raise fail(request, f"{field} FullName is empty: give the name or a ListID")


@dataclass(frozen=True)
class Address:
    """A postal address in QuickBooks' shape: up to five lines, then city to country."""

    lines: tuple[str, ...] = ()
    city: str | None = None
    state: str | None = None
    postal_code: str | None = None
    country: str | None = None

    def check(self, request: str, field: str) -> None:
        if len(self.lines) > 5:
            raise fail(request, f"{field} has {len(self.lines)} lines; QuickBooks allows 5")
        advice = "abbreviate it or move the rest to the next address line"
        for number, line in enumerate(self.lines, start=1):
            check_text(request, f"{field} line {number}", line, limits.ADDRESS_LINE, advice)
        check_text(request, f"{field} city", self.city, limits.ADDRESS_CITY, advice)
        check_text(request, f"{field} state", self.state, limits.ADDRESS_STATE, advice)
        check_text(
            request, f"{field} postal code", self.postal_code, limits.ADDRESS_POSTAL_CODE, advice
        )
        check_text(request, f"{field} country", self.country, limits.ADDRESS_COUNTRY, advice)
