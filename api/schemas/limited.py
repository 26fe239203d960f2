"""Request fields limited as QuickBooks limits them, by the domain's own rules
(`domain.fields`, `domain.limits`): the API refuses with 422 what the domain would refuse."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from domain import fields, limits
from domain.errors import FieldOutOfLimits


class StrictIn(BaseModel):
    """A request body: a field the API does not know is refused, never silently dropped."""

    model_config = ConfigDict(extra="forbid")


def _rule(check: Callable[[Any], object]) -> AfterValidator:
    def validate(value: Any) -> Any:
        try:
            check(value)
        except FieldOutOfLimits as error:
            raise ValueError(str(error)) from error
        return value

    return AfterValidator(validate)


def _text(field: str, limit: int, *, multiline: bool = False) -> AfterValidator:
    return _rule(lambda value: fields.text(field, value, limit, multiline=multiline))


def _name(field: str, limit: int) -> AfterValidator:
    return _rule(lambda value: fields.name(field, value, limit))


CustomerCode = Annotated[
    str, Field(max_length=limits.CUSTOMER_CODE), _text("customer", limits.CUSTOMER_CODE)
]
CustomerName = Annotated[
    str, Field(max_length=limits.CUSTOMER_NAME), _name("name", limits.CUSTOMER_NAME)
]
QbName = Annotated[
    str, Field(max_length=limits.CUSTOMER_NAME), _name("qb_name", limits.CUSTOMER_NAME)
]
InvoiceNumber = Annotated[
    str, Field(max_length=limits.INVOICE_REF_NUMBER), _text("number", limits.INVOICE_REF_NUMBER)
]
CreditMemoNumber = Annotated[
    str,
    Field(max_length=limits.CREDIT_MEMO_REF_NUMBER),
    _text("number", limits.CREDIT_MEMO_REF_NUMBER),
]
PaymentReference = Annotated[
    str,
    Field(max_length=limits.RECEIVE_PAYMENT_REF_NUMBER),
    _text("reference", limits.RECEIVE_PAYMENT_REF_NUMBER),
]
ListEntryName = Annotated[
    str,
    Field(max_length=limits.SIMPLE_REF_FULL_NAME),
    _name("method", limits.SIMPLE_REF_FULL_NAME),
]
ItemName = Annotated[str, Field(max_length=limits.ITEM_NAME), _text("item", limits.ITEM_NAME)]
CheckNumber = Annotated[
    str, Field(max_length=limits.CHECK_NUMBER), _text("check_number", limits.CHECK_NUMBER)
]
Memo = Annotated[str, Field(max_length=limits.MEMO), _text("memo", limits.MEMO, multiline=True)]
Description = Annotated[
    str,
    Field(max_length=limits.LINE_DESC),
    _text("description", limits.LINE_DESC, multiline=True),
]
CorrectedBy = Annotated[
    str,
    Field(min_length=1, max_length=limits.CUSTOMER_CODE),
    _text("corrected_by", limits.CUSTOMER_CODE),
]
Reason = Annotated[
    str,
    Field(description="Why; kept in the event history", max_length=limits.REASON),
    _text("reason", limits.REASON, multiline=True),
]


class DatedIn(StrictIn):
    """A transaction's date: one QuickBooks takes, and near today unless confirmed."""

    confirm_date: bool = Field(
        default=False, description="The date is far from today on purpose: record it anyway"
    )
    txn_date: date = Field(
        description=(
            f"Between {limits.EARLIEST_DATE} and {limits.LATEST_DATE}; more than "
            f"{limits.FAR_PAST_DAYS} days before or {limits.FAR_FUTURE_DAYS} days after today "
            "needs confirm_date"
        )
    )

    @field_validator("txn_date")
    @classmethod
    def _near_today(cls, value: date, info: ValidationInfo) -> date:
        confirmed = bool(info.data.get("confirm_date", False))
        try:
            return fields.near_date("txn_date", value, date.today(), confirmed=confirmed)
        except FieldOutOfLimits as error:
            raise ValueError(str(error)) from error
