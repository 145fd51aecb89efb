"""Requests submitted online: taken into the register, repeats merged, opened to their applicants.

A submission becomes a Request of channel 网络 whose only event is `submitted` (status 待确认,
no receipt date yet: the office's confirmation is the receipt, 第三十一条第三项), numbered
like every other request, with its Submission and the applicant's files. The applicant gets
the number and an access code; with both, and within the limits of `throttle`, they open
the request, answer a 补正 (the `corrected` event, which restarts the clock as any 补正 does)
and download the letters issued to them.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..errors import Refused
from ..letter_models import IssuedLetter
from ..models import Agency, Attachment, Event, Request
from ..portal_models import PortalSettings, Submission
from . import audit, codes, notify, throttle
from . import requests as req_svc

NOT_TO_APPLICANT = ("consultation",)  # letters addressed to a third party


class Locked(Refused):
    """Too many wrong codes for a number or from an address: even the right code waits."""


@dataclass
class Application:
    """A filled-in form as the register keeps it: the request's own fields and the form as submitted."""

    applicant_kind: str
    applicant_name: str
    id_number: str
    contact: str
    address: str
    email: str
    items: str
    delivery_form: str
    delivery_channel: str
    form: dict
    files: list = field(default_factory=list)  # uploads.Checked

    @property
    def contacts(self) -> list[str]:
        """What identifies the applicant for the per-contact limit."""
        return [v for v in (self.contact, self.email, self.id_number) if v]

    def counted(self, address: str) -> dict:
        """The keys its audit row is counted under (`throttle`): hashes, never the values."""
        return {"address": throttle.key(address), "phone": throttle.key(self.contact),
                "email": throttle.key(self.email), "id": throttle.key(self.id_number)}

    def digest(self, agency: Agency) -> str:
        """The same content sent again has the same digest (files by their hashes)."""
        files = [hashlib.sha256(f.data).hexdigest() for f in self.files]
        content = {"agency": agency.pk, "form": self.form, "files": files}
        return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


@dataclass
class Submitted:
    request: Request
    code: str | None  # None: merged into an earlier submission, whose code was shown then
    merged: bool = False


def from_form(values: dict, files) -> Application:
    """The register's view of a filled-in ApplicationForm (`values()`)."""
    person = values["applicant_type"] == "person"
    lines = [values["description"]]
    for key, label in (("document_name", "文件名称"), ("document_number", "文号"), ("other_features", "其他特征")):
        if values.get(key):
            lines.append(f"{label}：{values[key]}")
    return Application(
        applicant_kind="natural_person" if person else values["org_kind"],
        applicant_name=values["name"] if person else values["org_name"],
        id_number=values["id_number"] if person else values["credit_code"],
        contact=values["phone"], address=values.get("address", ""), email=values.get("email", ""),
        items="\n".join(lines), delivery_form=values["delivery_form"], delivery_channel=values["delivery_channel"],
        form=values, files=list(files or []),
    )


SETTINGS_FIELDS = ("enabled", "slug", "public_url", "office_email", "intro")


def save_settings(agency: Agency, user, **fields) -> PortalSettings:
    """Switch the agency's portal on or off and say where it is; audited."""
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    taken = PortalSettings.objects.filter(slug=fields.get("slug")).exclude(agency=agency).exists()
    if taken:
        raise Refused("该网址标识已被其他机关使用，请换一个")
    with transaction.atomic():
        row, _ = PortalSettings.objects.update_or_create(agency=agency, defaults={**fields, "updated_by": user})
        audit.record(user, "portal.settings", agency, agency, **fields)
    return row


def enabled(slug: str) -> PortalSettings | None:
    return PortalSettings.objects.select_related("agency").filter(slug=slug, enabled=True).first()


def lookup_key(number: str) -> str:
    """A request number as typed, made comparable: any bracket, width, spacing or leading zero."""
    text = unicodedata.normalize("NFKC", number or "")
    text = re.sub(r"[〔［【(（\[〈《]", "[", text)
    text = re.sub(r"[〕］】)）\]〉》]", "]", text)
    text = re.sub(r"\s+", "", text).upper().removesuffix("号")
    return re.sub(r"\d+", lambda m: str(int(m.group())), text)[:80]


def submit(portal: PortalSettings, application: Application, token: str, address: str) -> Submitted:
    """Register an online request, or find the same one sent minutes ago (merged, not registered twice)."""
    agency = portal.agency
    digest = application.digest(agency)
    token_hash = hashlib.sha256(token.encode()).hexdigest()
    code = codes.derived(f"{token}|{digest}")
    since = timezone.now() - timedelta(minutes=settings.PORTAL_MERGE_MINUTES)
    with transaction.atomic():
        list(Agency.objects.select_for_update().filter(pk=agency.pk).values_list("pk"))  # one at a time per agency
        earlier = Submission.objects.select_related("request").filter(
            request__agency=agency, digest=digest, at__gte=since).order_by("at").first()
        if earlier is not None:
            audit.record(None, "portal.merge", earlier.request, agency, number=earlier.request.number,
                         address=throttle.key(address))
            same_page = earlier.token_hash == token_hash
            return Submitted(earlier.request, code if same_page else None, merged=True)
        today = req_svc.today()
        req = Request.objects.create(
            agency=agency, number=req_svc.next_number(agency, today.year), channel="online", received=None,
            status="submitted", applicant_kind=application.applicant_kind, applicant_name=application.applicant_name,
            id_number=application.id_number, contact=application.contact, address=application.address,
            items=application.items, delivery_form=application.delivery_form,
            delivery_channel=application.delivery_channel,
        )
        Event.objects.create(request=req, kind="submitted", on=today, by=None)
        req_svc.recompute(req)
        Submission.objects.create(request=req, form=application.form, email=application.email,
                                  code_hash=codes.make_hash(code), lookup=lookup_key(req.number), digest=digest,
                                  token_hash=token_hash)
        _attach(req, application.files, "application")
        audit.record(None, "portal.submit", req, agency, number=req.number, files=len(application.files),
                     **application.counted(address))
        notify.submitted(req, codes.shown(code))
    return Submitted(req, code)


def _attach(req: Request, files, origin: str) -> None:
    for f in files:
        Attachment.objects.create(request=req, file=f.stored(), name=f.name, size=len(f.data), origin=origin,
                                  content_type=f.content_type)


def open_request(portal: PortalSettings, number: str, typed_code: str, address: str) -> Request:
    """The request with this number and code, or a refusal that never says which of the two was wrong.

    Every opening and every wrong code is audited (under hashes of the number and address).
    """
    number_key = f"{portal.agency_id}:{lookup_key(number)}"
    counted = {"number": throttle.key(number_key), "address": throttle.key(address)}
    if throttle.exceeded("code_number", number_key) or throttle.exceeded("code_address", address):
        raise Locked(_locked_message())
    sub = Submission.objects.select_related("request__agency").filter(
        request__agency=portal.agency, lookup=lookup_key(number)).first()
    if codes.matches(codes.cleaned(typed_code), sub.code_hash if sub else None):
        audit.record(None, "portal.open", sub.request, portal.agency, number=sub.request.number,
                     address=counted["address"])
        return sub.request
    audit.record(None, "portal.code_failed", "", portal.agency, **counted)
    if throttle.exceeded("code_number", number_key) or throttle.exceeded("code_address", address):
        audit.record(None, "portal.locked", "", portal.agency, **counted)
        raise Locked(_locked_message())
    raise Refused("申请编号或查询码不正确，请核对后重新输入")


def _locked_message() -> str:
    return (f"查询码输入错误次数过多，该申请编号（或您所在的网络）已暂停查询{throttle.minutes('code_number')}分钟。"
            "请稍后再试；如忘记查询码，请联系本机关。")


def reply_to_correction(req: Request, text: str, files) -> Event:
    """The applicant's 补正, received today: the answer period restarts from it (第三十条)."""
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=req.pk)
        if locked.status != "awaiting_correction":
            raise Refused("本申请现在不需要补正")
        event = req_svc.add_event(locked, None, "corrected", req_svc.today(), note=text.strip())
        _attach(locked, files, "correction")
        audit.record(None, "portal.correct", locked, locked.agency, number=locked.number, files=len(files))
    return event


def letters_for(req: Request):
    """The letters issued to the applicant and in force (a superseded one gives way to its replacement)."""
    return (IssuedLetter.objects.filter(request=req, superseded_by__isnull=True).exclude(kind__in=NOT_TO_APPLICANT)
            .defer("docx").order_by("at", "id"))


def applicant_letter(req: Request, pk: int) -> IssuedLetter | None:
    return IssuedLetter.objects.filter(pk=pk, request=req, superseded_by__isnull=True).exclude(
        kind__in=NOT_TO_APPLICANT).first()
