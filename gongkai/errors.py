"""Errors a user can act on: each carries a message that names what is wrong."""


class GongkaiError(Exception):
    """Base of every error gongkai reports to a user instead of a traceback."""


class ReadError(GongkaiError):
    """A file cannot be read as an annual report (broken, binary, too large, not a report)."""
