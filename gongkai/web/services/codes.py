"""Access codes: what an applicant holds, beside the request's number, to follow the request.

A code is 12 characters from an alphabet without look-alikes (about 59 bits), shown as
XXXX-XXXX-XXXX. Only its salted PBKDF2 hash is stored, and a code is checked in constant
time; checking against no request at all costs the same, so the time of an answer does not
tell whether a number exists.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from django.utils.crypto import salted_hmac

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
LENGTH = 12
ITERATIONS = 60_000
_SCHEME = "pbkdf2_sha256"


def derived(secret: str) -> str:
    """The code belonging to `secret` (a form's one-time token with what it carried).

    The same submission sent twice (a double click, a page sent again) so gets the same code
    shown again, and nobody without the token can make it.
    """
    digest = salted_hmac("gongkai.portal.code", secret, algorithm="sha256").digest()
    n = int.from_bytes(digest, "big")
    chars = []
    for _ in range(LENGTH):
        n, i = divmod(n, len(ALPHABET))
        chars.append(ALPHABET[i])
    return "".join(chars)


def shown(code: str) -> str:
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def cleaned(typed: str) -> str:
    """What the applicant typed, as a code: spaces and hyphens dropped, letters made capitals."""
    half = "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in typed or "")
    return "".join(c for c in half.upper() if c.isalnum())[:40]


def make_hash(code: str, salt: str | None = None) -> str:
    salt = salt or secrets.token_hex(8)
    raw = hashlib.pbkdf2_hmac("sha256", code.encode(), salt.encode(), ITERATIONS)
    return f"{_SCHEME}${ITERATIONS}${salt}${base64.b64encode(raw).decode()}"


_DUMMY = make_hash("NO-REQUEST-HAS-THIS-CODE", "0" * 16)


def matches(code: str, stored: str | None) -> bool:
    """Whether `code` is the one hashed in `stored`; None (no such request) takes the same time."""
    target = stored or _DUMMY
    try:
        scheme, iterations, salt, expected = target.split("$")
        raw = hashlib.pbkdf2_hmac("sha256", code.encode(), salt.encode(), int(iterations))
    except ValueError:
        return False
    same = hmac.compare_digest(base64.b64encode(raw).decode(), expected)
    return same and stored is not None and scheme == _SCHEME
