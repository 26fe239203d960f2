"""Errors raised by the qbXML layer."""

from __future__ import annotations


class QbxmlFieldError(ValueError):
    """A request field breaks a QuickBooks limit; the message says which and what to do."""


class QbxmlResponseError(ValueError):
    """A qbXML answer cannot be understood (wrong root, missing status, unreadable value)."""


class QbxmlMessageError(QbxmlResponseError):
    """QuickBooks refused the whole message set (messageSetStatusCode) and answered nothing."""

    def __init__(self, message: str, *, status_code: int, message_set_id: str | None) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message_set_id = message_set_id
