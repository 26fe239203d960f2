"""The web pages served at `/`: server-rendered, signed-in sessions, CSRF-protected forms."""

from __future__ import annotations

import hashlib
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from api.bootstrap import Container
from api.web.session import SESSION_COOKIE, SESSION_SECONDS, install_session_handlers

STATIC = Path(__file__).parent / "static"


def install_web(app: FastAPI, container: Container) -> None:
    from api.web import (
        attention,
        history,
        imports,
        policy,
        quickbooks,
        runs,
        signin,
        today,
        transactions,
    )

    app.add_middleware(
        SessionMiddleware,
        secret_key=session_secret(container),
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_SECONDS,
        same_site="strict",
        https_only=container.settings.is_production,
    )
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    install_session_handlers(app)
    pages = (signin, today, transactions, runs, attention, policy, imports, history, quickbooks)
    for module in pages:
        app.include_router(module.router, include_in_schema=False)


def session_secret(container: Container) -> str:
    """Derived from the API tokens: a change of tokens signs everyone out."""
    return hashlib.sha256(b"qbsync web session\0" + container.tokens.secret()).hexdigest()
