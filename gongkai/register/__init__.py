"""The agency's register: request and appeal records, and the annual report counted from them."""

from .counting import RegisterCounts, altered_years, compile_report, count_cases, count_period, count_requests, monthly
from .records import CaseRecord, RegisterError, RequestRecord

__all__ = [
    "CaseRecord",
    "RegisterCounts",
    "RegisterError",
    "RequestRecord",
    "altered_years",
    "compile_report",
    "count_cases",
    "count_period",
    "count_requests",
    "monthly",
]
