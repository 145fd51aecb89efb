"""Errors the register shows to its users, in Chinese, instead of a server error."""

from gongkai.errors import GongkaiError


class Refused(GongkaiError):
    """A step that the rules or the request's state do not allow (shown as a form error)."""


class Forbidden(Refused):
    """The user's role or agency does not allow this step."""
