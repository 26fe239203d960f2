"""Errors of the adapters' own making, as opposed to the domain's refusals."""

from __future__ import annotations


class ConfigurationError(Exception):
    """The settings cannot work (an unsupported database, a persistence the outbox cannot
    share): the message says which setting, what was wrong and what to use instead. Not a
    `domain.errors.InvalidInput`: no command's input is at fault, and nothing was written."""
