"""Who may read and do what: agencies are walled off from each other, roles gate actions."""

from __future__ import annotations

from ..errors import Forbidden
from ..models import Agency, Membership

READ_CONTACTS = ("clerk", "head")  # the people who answer the applicant need the contacts


def membership(user) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.select_related("agency").filter(user=user).first()


def readable_agency_ids(user) -> list[int]:
    """Own agency; a supervisor also reads every agency below it."""
    m = membership(user)
    if m is None:
        return []
    if m.role == "supervisor":
        return m.agency.subtree_ids()
    return [m.agency_id]


# Steps only the head decides (第三十三条第二款: an extension needs the 负责人's consent).
HEAD_STEPS = ("extension_approved", "extension_refused")


def can_write(user, agency: Agency) -> bool:
    m = membership(user)
    return m is not None and m.agency_id == agency.pk and m.role in ("clerk", "head")


def is_head(user, agency: Agency) -> bool:
    m = membership(user)
    return m is not None and m.agency_id == agency.pk and m.role == "head"


def may_record(user, agency: Agency, kind: str) -> bool:
    """Whether the user may record a step of `kind` in the agency's register."""
    return is_head(user, agency) if kind in HEAD_STEPS else can_write(user, agency)


def is_supervisor(user) -> bool:
    m = membership(user)
    return m is not None and m.role == "supervisor"


def require_supervisor(user) -> None:
    if not is_supervisor(user):
        raise Forbidden("仅上级机关的监督人员可以查看所属机关的汇总报告")


def is_admin(user) -> bool:
    m = membership(user)
    return bool(getattr(user, "is_superuser", False)) or (m is not None and m.role == "admin")


def sees_contacts(user, agency_id: int) -> bool:
    m = membership(user)
    return m is not None and m.agency_id == agency_id and m.role in READ_CONTACTS
