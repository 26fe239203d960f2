"""The paging parameters and headers shared by every list endpoint."""

from __future__ import annotations

from typing import Annotated, TypeVar

from fastapi import Query, Request, Response

from adapters.services.listing.pages import DEFAULT_LIMIT, MAX_LIMIT, Page

T = TypeVar("T")

After = Annotated[
    str,
    Query(
        description="The cursor of the page before (X-Next-Cursor); empty for the first page",
        max_length=400,
    ),
]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Rows per page, 1 to {MAX_LIMIT}")]
DEFAULT = DEFAULT_LIMIT


def paged(page: Page[T], request: Request, response: Response) -> list[T]:
    """The page's rows; its headers say how many match and where the next page is."""
    response.headers["X-Total-Count"] = str(page.total)
    if page.next_cursor:
        response.headers["X-Next-Cursor"] = page.next_cursor
        following = request.url.include_query_params(after=page.next_cursor)
        response.headers["Link"] = f'<{following}>; rel="next"'
    return page.items
