"""The vendor, employee and other-name queries (read for the name-clash check) validate."""

from __future__ import annotations

import pytest
from lxml import etree

from adapters.quickbooks.qbxml.requests import (
    EmployeeQuery,
    OtherNameQuery,
    QbxmlFieldError,
    VendorQuery,
)
from tests.unit.qbxml.samples import validate_one


@pytest.mark.parametrize(
    "query",
    [
        VendorQuery(),
        VendorQuery(active_status="All"),
        VendorQuery(full_names=("Metro Auto Parts",)),
        VendorQuery(iterator="Start", max_returned=100, active_status="All"),
        VendorQuery(iterator="Continue", iterator_id="{it-1}", max_returned=100),
        EmployeeQuery(active_status="All"),
        EmployeeQuery(list_ids=("80000010-1700000000",)),
        OtherNameQuery(active_status="All"),
        OtherNameQuery(max_returned=50),
    ],
)
def test_name_list_queries_validate(
    qbxml_schema: etree.XMLSchema, query: VendorQuery | EmployeeQuery | OtherNameQuery
) -> None:
    request = validate_one(qbxml_schema, query)
    assert request.tag == type(query).request_tag


def test_filter_elements_come_in_schema_order(qbxml_schema: etree.XMLSchema) -> None:
    request = validate_one(qbxml_schema, OtherNameQuery(max_returned=5, active_status="All"))
    assert [child.tag for child in request] == ["MaxReturned", "ActiveStatus"]


@pytest.mark.parametrize("kind", [EmployeeQuery, OtherNameQuery])
def test_employee_and_other_name_queries_have_no_iterator(
    kind: type[EmployeeQuery] | type[OtherNameQuery],
) -> None:
    with pytest.raises(QbxmlFieldError, match="no iterator"):
        kind(iterator="Start", max_returned=10)


def test_a_query_selects_by_one_criterion_only() -> None:
    with pytest.raises(QbxmlFieldError, match="only one"):
        VendorQuery(full_names=("Metro Auto Parts",), active_status="All")
