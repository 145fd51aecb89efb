"""What every page needs: the user's membership, agency scoping, and refusals shown in Chinese.

Permissions are checked here, once, by decorators that load the object a view works on
and hand it to the view (froide's `foirequest/decorators.py` does the same): a request or
event of an agency the user cannot read is a 404, one the user cannot act on a 403. The
services behind the views trust their callers.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from ..errors import Forbidden
from ..models import Agency, Event, Request
from ..services import access

NO_WRITE = "您没有在该机关登记或办理的权限"
HEAD_ONLY = "此操作须由本机关负责人决定"


def membership(request) -> dict:
    """Context processor: the signed-in user's agency and role."""
    from ..services.clock import today

    user = getattr(request, "user", None)
    m = access.membership(user)
    return {"member": m, "is_admin": bool(user) and access.is_admin(user), "today_year": today().year}


def member_required(view):
    """Signed in and attached to an agency; sets request.member."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        m = access.membership(request.user)
        if m is None:
            raise PermissionDenied("您的账号尚未分配所属机关，请联系系统管理员")
        request.member = m
        try:
            return view(request, *args, **kwargs)
        except Forbidden as exc:
            raise PermissionDenied(str(exc)) from exc

    return wrapper


def admin_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not access.is_admin(request.user):
            raise PermissionDenied("仅系统管理员可以管理工作日历")
        request.member = access.membership(request.user)
        return view(request, *args, **kwargs)

    return wrapper


def current_agency(request) -> Agency:
    """The agency a page shows: the user's own, or (supervisor) one below it chosen by ?agency=."""
    wanted = request.GET.get("agency") or request.POST.get("agency")
    if wanted and wanted.isdigit():
        if int(wanted) not in access.readable_agency_ids(request.user):
            raise Http404("机关不存在")
        return Agency.objects.get(pk=int(wanted))
    return request.member.agency


def readable_agencies(request):
    return Agency.objects.filter(pk__in=access.readable_agency_ids(request.user)).order_by("name")


def refuse(request, exc) -> None:
    messages.error(request, str(exc))


# --- decorators that load the object and check the user's right to it once ----------------

def _readable(user, agency_id: int) -> bool:
    return agency_id in access.readable_agency_ids(user)


def object_view(load, agency_of, missing: str, write: bool = False, visible=_readable):
    """A decorator: view(request, obj, …) for the object `load(pk)` of the agency `agency_of(obj)`.

    An object the user may not see (`visible(user, agency_id)`) is a 404; with `write`, one
    the user may not act on (its agency's clerk or head) is a 403.
    """

    def decorate(view):
        @member_required
        @wraps(view)
        def wrapper(request, pk: int, *args, **kwargs):
            obj = load(pk)
            agency = agency_of(obj)
            if not visible(request.user, agency.pk):
                raise Http404(missing)
            if write and not access.can_write(request.user, agency):
                raise PermissionDenied(NO_WRITE)
            return view(request, obj, *args, **kwargs)

        return wrapper

    return decorate


def _request(pk: int) -> Request:
    return get_object_or_404(Request.objects.select_related("agency", "handler"), pk=pk)


def _event(pk: int) -> Event:
    return get_object_or_404(Event.objects.select_related("request__agency", "corrects"), pk=pk)


# view(request, req, …): a request of an agency the user reads / registers and handles (clerk or head).
allow_read_request = object_view(_request, lambda r: r.agency, "申请不存在")
allow_write_request = object_view(_request, lambda r: r.agency, "申请不存在", write=True)
# view(request, event): an event of a request the user handles.
allow_write_event = object_view(_event, lambda e: e.request.agency, "办理事项不存在", write=True)


def allow_step(view):
    """view(request, req, kind): a step the user's role may record (an extension's decision: the head)."""

    @member_required
    @wraps(view)
    def wrapper(request, pk: int, kind: str):
        req = _request(pk)
        if not _readable(request.user, req.agency_id):
            raise Http404("申请不存在")
        if not access.may_record(request.user, req.agency, kind):
            raise PermissionDenied(HEAD_ONLY if kind in access.HEAD_STEPS else NO_WRITE)
        return view(request, req, kind)

    return wrapper


def allow_agency(view):
    """view(request, agency, …): the agency the page shows; writing to it (a POST) needs its clerk or head."""

    @member_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        agency = current_agency(request)
        if request.method == "POST" and not access.can_write(request.user, agency):
            raise PermissionDenied(NO_WRITE)
        return view(request, agency, *args, **kwargs)

    return wrapper


def _own_agency(allowed, refusal: str, only_to_post: bool = False):
    def decorate(view):
        @member_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            agency = request.member.agency
            if (request.method == "POST" or not only_to_post) and not allowed(request.user, agency):
                raise PermissionDenied(refusal)
            return view(request, agency, *args, **kwargs)

        return wrapper

    return decorate


# view(request, agency, …): the user's own agency, as its clerk or head / as its head / read by any
# of its people and changed (a POST) by its head.
allow_write_agency = _own_agency(access.can_write, NO_WRITE)
allow_head = _own_agency(access.is_head, HEAD_ONLY)
allow_head_to_change = _own_agency(access.is_head, HEAD_ONLY, only_to_post=True)
