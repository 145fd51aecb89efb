"""What every page needs: the user's membership, agency scoping, and refusals shown in Chinese."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from ..errors import Forbidden
from ..models import Agency
from ..services import access


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
