"""Every write leaves one audit row: who, which agency, what, on which object, with what data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..models import AuditEntry


def _plain(value):
    if isinstance(value, (date, Decimal)):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def record(user, action: str, target: object = "", agency=None, **detail) -> AuditEntry:
    return AuditEntry.objects.create(
        user=user if getattr(user, "pk", None) else None,
        agency=agency,
        action=action,
        target=str(target)[:120],
        detail=_plain(detail),
    )
