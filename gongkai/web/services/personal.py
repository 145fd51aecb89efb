"""Applicants' personal data: who sees which field whole, and how it is masked elsewhere.

The four fields are the applicant's name (a natural person's only: an organisation's name is
not personal data), identity number, contact and address. The agency's own clerks and head
see them whole on a request's page; its lists show the name and mask the rest; a supervisor
or administrator sees every field masked. An export is masked like the list unless the user
holds the explicit "export personal data" permission, and every export is audited.
"""

from __future__ import annotations

import re

from . import access

FIELDS = ("applicant_name", "id_number", "contact", "address")
ALL = frozenset(FIELDS)
NOTHING: frozenset[str] = frozenset()
EXPORT_PERMISSION = "office.export_personal_data"

_MOBILE = re.compile(r"\+?(?:86)?1\d{10}")


def _stars(n: int) -> str:
    return "*" * max(n, 1)


def mask_name(value: str) -> str:
    """张三 -> 张*, 欧阳娜娜 -> 欧***: the family name's first character only."""
    return value[:1] + _stars(len(value) - 1) if value else ""


def mask_id_number(value: str) -> str:
    """110105199001011234 -> 110*************34; a short one shows at most a quarter at each end."""
    start, end = min(3, len(value) // 4), min(2, len(value) // 4)
    return value[:start] + _stars(len(value) - start - end) + (value[-end:] if end else "")


def mask_contact(value: str) -> str:
    """A mobile number as 138****5678, an e-mail as z***@example.com, anything else with its middle hidden."""
    value = value.strip()
    if not value:
        return ""
    compact = re.sub(r"[\s-]", "", value)
    if _MOBILE.fullmatch(compact):
        return compact[:-8] + "****" + compact[-4:]
    if "@" in value:
        local, _, domain = value.partition("@")
        return local[:1] + _stars(len(local) - 1) + "@" + domain
    keep = len(value) // 4
    return value[:keep] + _stars(len(value) - 2 * keep) + (value[-keep:] if keep else "")


def mask_address(value: str) -> str:
    """The region only: 北京市朝阳区建国路88号 -> 北京市朝阳区*****; never more than half of it."""
    if not value:
        return ""
    keep = min(6, len(value) // 2)
    return value[:keep] + _stars(len(value) - keep)


MASKS = {"applicant_name": mask_name, "id_number": mask_id_number, "contact": mask_contact,
         "address": mask_address}


def shown(req, whole: frozenset[str]) -> dict[str, str]:
    """The four fields of a request as this viewer sees them: whole if in `whole`, else masked."""
    out = {}
    for field in FIELDS:
        value = getattr(req, field) or ""
        organisation = field == "applicant_name" and req.applicant_kind != "natural_person"
        out[field] = value if field in whole or organisation else MASKS[field](value)
    return out


def on_page(user, agency_id: int) -> frozenset[str]:
    """What a request's own page shows whole: everything to the agency's clerks and head."""
    return ALL if access.sees_contacts(user, agency_id) else NOTHING


def in_list(user, agency_id: int) -> frozenset[str]:
    """What a list shows whole: the applicant's name to the agency's clerks and head."""
    return frozenset({"applicant_name"}) if access.sees_contacts(user, agency_id) else NOTHING


def in_export(user, agency_id: int) -> frozenset[str]:
    """An export is masked like the list, unless its user holds the explicit export permission."""
    if access.sees_contacts(user, agency_id) and user.has_perm(EXPORT_PERMISSION):
        return ALL
    return in_list(user, agency_id)
