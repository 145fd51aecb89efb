"""What the agency's register keeps about each request and each appeal, for counting.

A register row is the minimum the annual report needs: who applied (a table 三 column),
when the request was received and closed, and its final outcome (a table 三 row of the
2021 format). Appeals carry what table 四 needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .. import template
from ..errors import GongkaiError

OUTCOMES = template.t3_outcome_keys("2021")
APPLICANTS = template.T3_APPLICANT_COLUMNS
CASE_KINDS = template.T4_GROUP_KEYS
CASE_RESULTS = tuple(k for k in template.T4_PARTS if k != "pending")


class RegisterError(GongkaiError):
    """A register record or a count that cannot go into the annual report."""


@dataclass
class RequestRecord:
    """One request: `answered` is the day it was closed (answer sent or handling ended)."""

    number: str
    applicant: str  # a T3 applicant column key, e.g. "natural_person"
    received: date
    answered: date | None = None
    outcome: str | None = None  # a 2021 table 三 outcome row key, e.g. "withheld.third_party"

    def __post_init__(self):
        if self.applicant not in APPLICANTS:
            raise RegisterError(f"申请{self.number}：未知的申请人类型“{self.applicant}”")
        if self.outcome is not None and self.outcome not in OUTCOMES:
            raise RegisterError(f"申请{self.number}：未知的办理结果“{self.outcome}”")
        if (self.answered is None) != (self.outcome is None):
            raise RegisterError(f"申请{self.number}：办结日期与办理结果应同时填写")
        if self.answered is not None and self.answered < self.received:
            raise RegisterError(f"申请{self.number}：办结日期{self.answered}早于收到日期{self.received}")


@dataclass
class CaseRecord:
    """One administrative reconsideration or lawsuit about the agency's disclosure work.

    `co_defendant` marks a lawsuit in which the agency is sued only as the reconsideration
    body that upheld another agency's act: the 2021 format counts such a case for the
    original agency alone, so it is left out here.
    """

    kind: str  # "review" | "litigation_direct" | "litigation_after_review"
    filed: date
    closed: date | None = None
    result: str | None = None  # "upheld" | "corrected" | "other"
    co_defendant: bool = False

    def __post_init__(self):
        if self.kind not in CASE_KINDS:
            raise RegisterError(f"未知的案件类型“{self.kind}”")
        if self.result is not None and self.result not in CASE_RESULTS:
            raise RegisterError(f"未知的审理结果“{self.result}”")
        if (self.closed is None) != (self.result is None):
            raise RegisterError(f"{self.filed}立案的案件：审结日期与审理结果应同时填写")
        if self.closed is not None and self.closed < self.filed:
            raise RegisterError(f"{self.filed}立案的案件：审结日期{self.closed}早于立案日期")
