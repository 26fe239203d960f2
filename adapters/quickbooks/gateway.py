"""The QuickBooks gateway, chosen once at start-up from QBSYNC_QUICKBOOKS.

Import and sync ask the gateway how QuickBooks is reached: the simulator is a connection
qbsync drives now; the Web Connector is QuickBooks pulling the work on its own schedule, so
work asked for through it waits durably for its next session.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Protocol

from adapters.quickbooks.conversation import QuickBooksBackend
from domain.errors import StateConflict


class GatewayKind(StrEnum):
    SIMULATOR = "simulator"
    WEBCONNECTOR = "webconnector"


class StartupRefused(RuntimeError):
    """A setting makes this process unsafe to start; the message says which and what to do."""


class NoDirectConnection(StateConflict):
    """QuickBooks is reached through the Web Connector, which pulls the work itself."""


class WrongGateway(StateConflict):
    """A request named a way to QuickBooks that this qbsync is not configured for."""


class QuickBooksGateway(Protocol):
    kind: GatewayKind

    def connect(self) -> QuickBooksBackend:
        """A connection qbsync drives now; raises NoDirectConnection when QuickBooks pulls."""
        ...


class SimulatorGateway:
    kind = GatewayKind.SIMULATOR

    def __init__(self, open_simulator: Callable[[], QuickBooksBackend]) -> None:
        self._open = open_simulator

    def connect(self) -> QuickBooksBackend:
        return self._open()


class WebConnectorGateway:
    kind = GatewayKind.WEBCONNECTOR

    def connect(self) -> QuickBooksBackend:
        raise NoDirectConnection(
            "this qbsync reaches QuickBooks through the Web Connector "
            "(QBSYNC_QUICKBOOKS=webconnector): the work waits for its next session"
        )


def choose_gateway(setting: str, production: bool) -> GatewayKind:
    """The configured gateway: the simulator by default in development; production must
    name one, so it never runs on the simulator by accident."""
    named = setting.strip().lower()
    if not named:
        if production:
            raise StartupRefused(
                "QBSYNC_QUICKBOOKS is not set: in production set QBSYNC_QUICKBOOKS=webconnector "
                "(or QBSYNC_QUICKBOOKS=simulator to run production on the simulator on purpose)"
            )
        return GatewayKind.SIMULATOR
    try:
        return GatewayKind(named)
    except ValueError:
        raise StartupRefused(
            f"QBSYNC_QUICKBOOKS={setting!r} is not a QuickBooks gateway: use "
            f"{' or '.join(kind.value for kind in GatewayKind)}"
        ) from None


def resolve(configured: GatewayKind, asked: str | None) -> GatewayKind:
    """The way to QuickBooks a request uses: the configured one unless it asks for the Web
    Connector (always possible: the work waits); asking for the simulator when QuickBooks is
    reached otherwise is refused."""
    if asked is None or asked == configured:
        return configured
    if asked == GatewayKind.WEBCONNECTOR:
        return GatewayKind.WEBCONNECTOR
    raise WrongGateway(
        f"this qbsync reaches QuickBooks through the {configured.value} gateway "
        f"(QBSYNC_QUICKBOOKS={configured.value}), not the {asked}: leave the choice out to use it"
    )
