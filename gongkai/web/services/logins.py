"""Signing in: failed attempts are audited, and counted from the audit to throttle guessing.

An account is locked for LOGIN_LOCKOUT_MINUTES after LOGIN_FAILURES_PER_ACCOUNT failures
(since its last success), and an address after LOGIN_FAILURES_PER_ADDRESS failures, whatever
accounts they tried. The audit is the one store, so every server process sees the same count.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from ..models import AuditEntry
from . import audit

FAILED, SUCCEEDED = "login.failed", "login"


def _window_start():
    return timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def locked_out(username: str, address: str) -> bool:
    """Too many recent failures for this account or from this address."""
    since = _window_start()
    recent = AuditEntry.objects.filter(action=FAILED, at__gte=since)
    last_success = AuditEntry.objects.filter(action=SUCCEEDED, target=username[:120], at__gte=since) \
        .aggregate(at=Max("at"))["at"]
    account = recent.filter(target=username[:120], at__gt=last_success or since)
    if account.count() >= settings.LOGIN_FAILURES_PER_ACCOUNT:
        return True
    return bool(address) and recent.filter(detail__address=address).count() >= settings.LOGIN_FAILURES_PER_ADDRESS


def failed(username: str, address: str) -> None:
    audit.record(None, FAILED, username, None, address=address)


def succeeded(user, address: str) -> None:
    audit.record(user, SUCCEEDED, user.get_username(), None, address=address)


def address_of(request) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""
