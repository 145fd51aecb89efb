"""Who uses the console: a supervising office's supervisors and admins, over their agency's subtree."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from ..errors import Forbidden
from ..models import PublishedReport
from ..services import access
from . import tree

CONSOLE_ROLES = ("supervisor", "admin")


def console_required(view):
    """Signed in as a supervisor or admin (or a superuser); sets request.scope and request.scope_ids."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        m = access.membership(request.user)
        if m is not None and m.role in CONSOLE_ROLES:
            request.scope = m.agency
        elif m is None and request.user.is_superuser:
            request.scope = None
        else:
            raise PermissionDenied("仅上级机关的监督人员和管理员可以使用监督工作台")
        request.member = m
        request.scope_ids = tree.scope_ids(request.scope)
        try:
            return view(request, *args, **kwargs)
        except Forbidden as exc:
            raise PermissionDenied(str(exc)) from exc

    return wrapper


def can_edit_tree(request) -> bool:
    return request.user.is_superuser or (request.member is not None and request.member.role == "admin")


def require_tree_editor(request) -> None:
    if not can_edit_tree(request):
        raise Forbidden("仅系统管理员可以修改机关树")


def report_in_scope(request, pk: int) -> PublishedReport:
    row = PublishedReport.objects.select_related("agency").filter(pk=pk).first()
    if row is None or row.agency_id not in set(request.scope_ids):
        raise Http404("报告不存在")
    return row
