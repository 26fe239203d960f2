"""HTTP routes of the Web Connector endpoint.

- ``POST {prefix}``: the SOAP 1.1 endpoint (dispatch on the Body element, not SOAPAction).
- ``POST {prefix}/company/{company_id}``: the same, accepting only that company's users and
  tickets; the .qwc files point here so each company has its own address.
- ``GET`` on either with ``?wsdl``: the WSDL, with that address as the service location.
- ``GET {prefix}/qwc/{username}``: the .qwc file for a configured user (behind the guard).
- ``GET {prefix}/support``: the support page named in .qwc files.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from fastapi import APIRouter, HTTPException, Request, Response, params
from fastapi.responses import PlainTextResponse
from starlette.concurrency import run_in_threadpool

from adapters.quickbooks.qbxml.safe_xml import MAX_DOCUMENT_BYTES
from adapters.quickbooks.webconnector.qwc import QwcError, QwcSettings, build_qwc
from adapters.quickbooks.webconnector.service import WebConnectorService
from adapters.quickbooks.webconnector.soap import (
    CONTENT_TYPE,
    SoapFaultError,
    build_fault,
    build_response,
    parse_call,
)
from adapters.quickbooks.webconnector.wsdl import build_wsdl

logger = logging.getLogger(__name__)

_SOAP_ROUTE = "qbwc_soap"
_COMPANY_SOAP_ROUTE = "qbwc_company_soap"
_SUPPORT_ROUTE = "qbwc_support"


def answer_soap(
    service: WebConnectorService, body: bytes, company_scope: str | None, client_address: str = ""
) -> tuple[int, bytes]:
    """HTTP status and SOAP envelope answering `body` (faults are HTTP 500, per SOAP 1.1)."""
    try:
        call = parse_call(body)
    except SoapFaultError as fault:
        logger.warning("SOAP request refused: %s", fault.faultstring)
        return 500, build_fault(fault)
    try:
        result = service.call(
            call.operation.name,
            call.arguments,
            company_scope=company_scope,
            client_address=client_address,
        )
    except Exception:
        logger.exception("Web Connector operation %s failed", call.operation.name)
        return 500, build_fault(SoapFaultError("Internal server error", "Server"))
    return 200, build_response(call.operation, result)


async def _read_body(request: Request, limit: int) -> bytes | None:
    """The request body, or None as soon as it grows beyond `limit` bytes."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _file_name(username: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", username).strip(".") or "qbsync"
    return f"{safe}.qwc"


def _wants_wsdl(request: Request) -> bool:
    return any(key.lower() == "wsdl" for key in request.query_params)


def create_qbwc_router(
    service: WebConnectorService,
    *,
    prefix: str = "/qbwc",
    public_url: str | None = None,
    qwc_settings: QwcSettings | None = None,
    max_body_bytes: int = MAX_DOCUMENT_BYTES,
    download_guard: Sequence[params.Depends] = (),
) -> APIRouter:
    """The Web Connector routes; `public_url` replaces the request's URL in WSDL and .qwc,
    and `download_guard` (for example the API's token check) protects the .qwc download."""
    router = APIRouter(prefix=prefix, tags=["QuickBooks Web Connector"])

    def endpoint_url(request: Request, company_id: str | None) -> str:
        if public_url:
            base = public_url.rstrip("/")
            return f"{base}/company/{company_id}" if company_id else base
        if company_id:
            return str(request.url_for(_COMPANY_SOAP_ROUTE, company_id=company_id))
        return str(request.url_for(_SOAP_ROUTE))

    async def soap(request: Request, company_scope: str | None) -> Response:
        body = await _read_body(request, max_body_bytes)
        if body is None:
            status, envelope = 500, build_fault(SoapFaultError("Request refused: body too large"))
        else:
            address = request.client.host if request.client is not None else ""
            status, envelope = await run_in_threadpool(
                answer_soap, service, body, company_scope, address
            )
        return Response(envelope, status_code=status, media_type=CONTENT_TYPE)

    def wsdl_or_hint(request: Request, company_id: str | None) -> Response:
        if not _wants_wsdl(request):
            return PlainTextResponse("QuickBooks Web Connector endpoint: add ?wsdl for the WSDL.")
        wsdl = build_wsdl(endpoint_url(request, company_id))
        return Response(wsdl, media_type=CONTENT_TYPE)

    @router.post("", name=_SOAP_ROUTE, include_in_schema=False)
    async def soap_endpoint(request: Request) -> Response:
        return await soap(request, None)

    @router.post("/company/{company_id}", name=_COMPANY_SOAP_ROUTE, include_in_schema=False)
    async def company_soap_endpoint(request: Request, company_id: str) -> Response:
        return await soap(request, company_id)

    @router.get("")
    def wsdl(request: Request) -> Response:
        return wsdl_or_hint(request, None)

    @router.get("/company/{company_id}")
    def company_wsdl(request: Request, company_id: str) -> Response:
        return wsdl_or_hint(request, company_id)

    @router.get("/qwc/{username}", dependencies=list(download_guard))
    def qwc_file(request: Request, username: str) -> Response:
        user = service.users.find(username)
        if user is None:
            raise HTTPException(status_code=404, detail="No such Web Connector user")
        support_url = (
            f"{public_url.rstrip('/')}/support"
            if public_url
            else str(request.url_for(_SUPPORT_ROUTE))
        )
        try:
            document = build_qwc(
                app_url=endpoint_url(request, user.company_id),
                support_url=support_url,
                username=user.username,
                company_id=user.company_id,
                settings=qwc_settings,
            )
        except QwcError as error:
            raise HTTPException(status_code=400, detail=str(error)) from error
        return Response(
            document,
            media_type="application/xml",
            headers={"Content-Disposition": f'attachment; filename="{_file_name(user.username)}"'},
        )

    @router.get("/support", name=_SUPPORT_ROUTE)
    def support() -> PlainTextResponse:
        return PlainTextResponse(
            "qbsync synchronises the field-service ledger into QuickBooks Desktop through the "
            "QuickBooks Web Connector. Contact your qbsync administrator for help."
        )

    return router
