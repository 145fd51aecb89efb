"""Log records without personal data: no query strings, and no traceback for a refusal.

Search words are often an applicant's name and travel in the query string, so every logged
path loses its query. A 4xx (a refusal, a missing page) is an expected answer: one line,
never a traceback; a 5xx keeps its traceback.
"""

from __future__ import annotations

import logging
import re

# a path's query string, up to the next space or quote: "/requests/?q=张三" -> "/requests/"
_QUERY = re.compile(r"(/[^\s?\"']*)\?[^\s\"']*")


def without_query(text: str) -> str:
    return _QUERY.sub(r"\1", text)


class PrivateRecords(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = without_query(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(without_query(a) if isinstance(a, str) else a for a in record.args)
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500:
            record.exc_info, record.exc_text = None, None
        return True
