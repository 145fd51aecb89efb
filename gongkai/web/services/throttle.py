"""How often the public form may be used: counted in the database, so every server process
sees the same count, under a keyed hash of the address, contact or number, never the value.

The limits (settings.PORTAL_LIMITS) are (how many, in how many seconds) per action:

* ``post``: anything sent to the portal from one address (a flood of any kind);
* ``submit`` / ``submit_contact``: requests accepted from one address / for one phone,
  e-mail or identity number;
* ``code_address`` / ``code_number``: wrong access codes from one address / for one number
  (whether or not such a number exists); past either, even the right code is refused for a while.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from ..portal_models import PortalAttempt

KEEP = timedelta(days=2)  # attempts older than the longest window are deleted now and then


def key(value: str) -> str:
    return salted_hmac("gongkai.portal.throttle", value.strip().lower(), algorithm="sha256").hexdigest()


def address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def limit(action: str) -> tuple[int, int]:
    return settings.PORTAL_LIMITS[action]


def count(action: str, value: str) -> int:
    """Attempts of `action` under `value` within the action's window."""
    _, seconds = limit(action)
    since = timezone.now() - timedelta(seconds=seconds)
    return PortalAttempt.objects.filter(action=action, key=key(value), at__gte=since).count()


def exceeded(action: str, *values: str) -> bool:
    """Whether any of `values` has reached the action's limit."""
    most, _ = limit(action)
    return any(count(action, v) >= most for v in values if v)


def note(action: str, *values: str) -> None:
    """Count one attempt of `action` under each of `values`."""
    PortalAttempt.objects.bulk_create([PortalAttempt(action=action, key=key(v)) for v in values if v])
    if random.random() < 0.01:
        PortalAttempt.objects.filter(at__lt=timezone.now() - KEEP).delete()


def minutes(action: str) -> int:
    return max(1, limit(action)[1] // 60)
