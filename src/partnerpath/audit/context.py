"""Who is acting and why: set once per request, CLI command or job, read by the audit signals."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Actor:
    """The user (if any) and the label shown in history."""

    user: Any
    label: str


_actor: ContextVar[Actor | None] = ContextVar("audit_actor", default=None)
_reason: ContextVar[str] = ContextVar("audit_reason", default="")
_suspended: ContextVar[bool] = ContextVar("audit_suspended", default=False)


def current_actor() -> Actor:
    """The current actor, or 'system' when nothing set one."""
    return _actor.get() or Actor(user=None, label="system")


def current_reason() -> str:
    """The reason attached to changes made now."""
    return _reason.get()


def is_suspended() -> bool:
    """Whether recording is switched off (only for deleting a whole programme)."""
    return _suspended.get()


@contextmanager
def acting_as(user: Any = None, label: str | None = None) -> Iterator[None]:
    """Attribute changes made inside the block to ``user`` (or a label such as 'import')."""
    name = label or (user.get_username() if user is not None else "system")
    token = _actor.set(Actor(user=user, label=name))
    try:
        yield
    finally:
        _actor.reset(token)


@contextmanager
def because(reason: str) -> Iterator[None]:
    """Attach a reason to every change made inside the block."""
    token = _reason.set(reason)
    try:
        yield
    finally:
        _reason.reset(token)
