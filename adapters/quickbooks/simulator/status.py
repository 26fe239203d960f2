"""qbXML status codes the simulator answers, and the error that carries one out of a handler."""

from __future__ import annotations

from dataclasses import dataclass

OK = 0
NO_MATCH = 1
NOT_FOUND_WARNING = 500
STRING_TOO_LONG = 3070
NAME_IN_USE = 3100
OBJECT_NOT_FOUND = 3120
INVALID_REFERENCE = 3140
MISSING_ELEMENT = 3150
RECORD_LOCKED = 3175
ERROR_ON_SAVE = 3180
STALE_EDIT_SEQUENCE = 3200
INVALID_VALUE = 3210
NOT_PROCESSED = 3231
UNSUPPORTED_REQUEST = 3250


@dataclass(frozen=True)
class Status:
    code: int
    message: str

    @property
    def severity(self) -> str:
        if self.code >= 1000:
            return "Error"
        if self.code >= 500:
            return "Warn"
        return "Info"

    @property
    def is_error(self) -> bool:
        return self.severity == "Error"


STATUS_OK = Status(OK, "Status OK")
STATUS_NO_MATCH = Status(NO_MATCH, "A query request did not find a matching object in QuickBooks")
STATUS_NOT_PROCESSED = Status(
    NOT_PROCESSED,
    "The request has not been processed: an earlier request in the message failed.",
)


class QbError(Exception):
    """A request failed with a qbXML status; the handler changed nothing."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.status = Status(code, message)


def name_in_use(name: str) -> QbError:
    return QbError(NAME_IN_USE, f'The name "{name}" of the list element is already in use.')


def invalid_reference(what: str, reference: str) -> QbError:
    return QbError(
        INVALID_REFERENCE,
        f'There is an invalid reference to QuickBooks {what} "{reference}" in the request.',
    )


def object_not_found(object_id: str) -> QbError:
    return QbError(
        OBJECT_NOT_FOUND,
        f'Object "{object_id}" specified in the request cannot be found.',
    )


def invalid_value(message: str) -> QbError:
    return QbError(INVALID_VALUE, message)


def missing_element(path: str) -> QbError:
    return QbError(MISSING_ELEMENT, f"There is a missing element: {path}.")


def string_too_long(field: str, value: str, limit: int) -> QbError:
    return QbError(
        STRING_TOO_LONG,
        f'The string "{value}" in the field "{field}" is too long (the limit is {limit}).',
    )
