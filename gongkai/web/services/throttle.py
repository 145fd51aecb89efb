"""How often the public form may be used, counted from the audit (as sign-in failures are, in
`logins`): the one store every server process sees. The portal's audit rows carry keyed
hashes of the address, the contacts and the number they came with, never the values.

The limits (settings.PORTAL_LIMITS) are (how many, in how many seconds) per rule:

* ``post``: anything the portal recorded for one address (a flood of any kind);
* ``submit`` / ``submit_contact``: requests accepted from one address / for one phone,
  e-mail or identity number;
* ``code_address`` / ``code_number``: wrong access codes from one address / for one number
  (whether or not such a number exists); past either, even the right code is refused for a while.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from ..models import AuditEntry

CONTACTS = ("phone", "email", "id")  # the contact keys of a submission's audit row
RULES = {  # rule -> (the audited actions it counts, the detail keys a value is looked for under)
    "post": (None, ("address",)),
    "submit": (("portal.submit",), ("address",)),
    "submit_contact": (("portal.submit",), CONTACTS),
    "code_address": (("portal.code_failed",), ("address",)),
    "code_number": (("portal.code_failed",), ("number",)),
}


def key(value: str) -> str:
    """A keyed hash of an address, contact or number ("" stays "": nothing to count)."""
    value = (value or "").strip().lower()
    return salted_hmac("gongkai.portal.throttle", value, algorithm="sha256").hexdigest() if value else ""


def address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def limit(rule: str) -> tuple[int, int]:
    return settings.PORTAL_LIMITS[rule]


def count(rule: str, hashed: str) -> int:
    """What the rule counts under one hashed value within its window."""
    actions, fields = RULES[rule]
    since = timezone.now() - timedelta(seconds=limit(rule)[1])
    rows = AuditEntry.objects.filter(at__gte=since)
    rows = rows.filter(action__in=actions) if actions else rows.filter(action__startswith="portal.")
    match = Q()
    for name in fields:
        match |= Q(**{f"detail__{name}": hashed})
    return rows.filter(match).count()


def exceeded(rule: str, *values: str) -> bool:
    """Whether any of the (plain) values has reached the rule's limit."""
    most = limit(rule)[0]
    return any(count(rule, key(v)) >= most for v in values if v)


def minutes(rule: str) -> int:
    return max(1, limit(rule)[1] // 60)
