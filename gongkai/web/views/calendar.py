"""The working-day calendar: years, their holidays and 调休 days, notice imports and day edits.

Importing a notice is two steps: the text is checked and previewed (the days it changes and
the deadlines it moves), then confirmed; the confirmed import's result page lists every
deadline that moved, from the audit entry that recorded it.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.errors import GongkaiError
from gongkai.holiday_law import NoRule, provisional_reason
from gongkai.holiday_notice import NoticeError

from ..forms import DayForm, NoticeForm
from ..models import AuditEntry, CalendarYear
from ..services import calendar as svc
from ..services.clock import today
from .common import admin_required, member_required
from .once import one_time_form


def _years() -> list[dict]:
    """The years with a notice, and this year and next when they are still provisional."""
    calendar = svc.current_calendar()
    rows = [{"year": r.year, "holidays": len(r.holidays), "workdays": len(r.workdays), "source": r.source,
             "kind": svc.year_source(r.year, calendar), "updated_at": r.updated_at}
            for r in CalendarYear.objects.all()]
    for year in svc.missing_notice_years(today()):
        days = calendar.provisional_year_data(year)
        rows.append({"year": year, "holidays": len(days.holidays), "workdays": 0, "kind": "暂定",
                     "source": provisional_reason([year]), "updated_at": None})
    return sorted(rows, key=lambda r: r["year"])


def _list(request, form, status=200, problems=()):
    imports = AuditEntry.objects.filter(action__in=("calendar.import", "calendar.day")).select_related("user")[:10]
    return render(request, "gongkai/calendar_list.html", {"years": _years(), "form": form, "imports": imports,
                                                          "problems": problems}, status=status)


@member_required
def calendar_list(request):
    return _list(request, NoticeForm(initial={"year": request.GET.get("year")}))


@member_required
def calendar_year(request, year: int):
    calendar = svc.current_calendar()
    try:
        days = svc.year_days(year, calendar)
    except NoRule:
        raise Http404("没有该年度的工作日历") from None
    if request.GET.get("format") == "txt":
        return HttpResponse(svc.notice_text(year), content_type="text/plain; charset=utf-8")
    return render(request, "gongkai/calendar_year.html", {
        "year": year, "source": days.source, "kind": svc.year_source(year, calendar),
        "holidays": sorted(days.holidays.items()), "workdays": sorted(days.workdays.items()),
        "form": DayForm(initial={"day": date(year, 1, 1)}), "editable": year in calendar.years,
    })


@admin_required
@one_time_form
def calendar_day(request, year: int):
    if not CalendarYear.objects.filter(year=year).exists():
        raise Http404("没有该年度的工作日历")
    form = DayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if d["day"].year != year:
            form.add_error("day", f"日期须在{year}年内")
        else:
            try:
                entry = svc.set_day(d["day"], d["kind"] or None, d["note"], request.user)
            except GongkaiError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"已修改{d['day']}，{len(entry.detail['changes'])}件申请的答复期限随之变化")
                return redirect("calendar_change", pk=entry.pk)
    days = svc.year_days(year)
    return render(request, "gongkai/calendar_year.html", {
        "year": year, "source": days.source, "kind": svc.year_source(year), "editable": True,
        "holidays": sorted(days.holidays.items()), "workdays": sorted(days.workdays.items()), "form": form,
    }, status=400 if request.method == "POST" else 200)


@admin_required
@one_time_form
def calendar_import(request):
    """Check and preview a notice; with `confirm`, save it and show what moved."""
    if request.method != "POST":
        return redirect("calendar")
    form = NoticeForm(request.POST, request.FILES)  # a body too large to read: errors.bad_request
    if not form.is_valid():
        return _list(request, form, status=400)
    text, year = form.cleaned_data["text"], form.cleaned_data.get("year")
    source = getattr(form.cleaned_data.get("file"), "name", "") or form.cleaned_data.get("source") or ""
    try:
        if request.POST.get("confirm"):
            data, entry = svc.import_notice(text, request.user, source=source, expected_year=year)
            messages.success(request, f"已导入{data.year}年节假日安排，{len(entry.detail['changes'])}件申请的答复期限随之变化")
            return redirect("calendar_change", pk=entry.pk)
        preview = svc.preview_notice(text, year, source)
    except NoticeError as exc:
        return _list(request, form, status=400, problems=exc.problems)
    return render(request, "gongkai/calendar_preview.html", {"preview": preview, "text": text, "year": year,
                                                             "source": source})


@admin_required
def calendar_change(request, pk: int):
    """What one calendar import or edit changed: the deadlines that moved, as the audit log keeps them."""
    entry = get_object_or_404(AuditEntry, pk=pk, action__in=("calendar.import", "calendar.day"))
    return render(request, "gongkai/calendar_change.html", {"entry": entry, "changes": entry.detail.get("changes", [])})
