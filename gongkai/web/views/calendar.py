"""The working-day calendar: years, their holidays and 调休 days, edits and notice imports."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from gongkai.errors import GongkaiError

from ..forms import DayForm, NoticeForm
from ..models import CalendarYear
from ..services import calendar as svc
from .common import admin_required, member_required


@member_required
def calendar_list(request):
    svc.current_calendar()  # seeds an empty database from the bundled table
    return render(request, "gongkai/calendar_list.html", {
        "years": CalendarYear.objects.all(), "form": NoticeForm(),
    })


@member_required
def calendar_year(request, year: int):
    row = CalendarYear.objects.filter(year=year).first()
    if row is None:
        raise Http404("没有该年度的工作日历")
    if request.GET.get("format") == "txt":
        return HttpResponse(svc.notice_text(year), content_type="text/plain; charset=utf-8")
    return render(request, "gongkai/calendar_year.html", {
        "row": row, "holidays": sorted(row.holidays.items()), "workdays": sorted(row.workdays.items()),
        "form": DayForm(initial={"day": date(year, 1, 1)}),
    })


@admin_required
def calendar_day(request, year: int):
    form = DayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if d["day"].year != year:
            form.add_error("day", f"日期须在{year}年内")
        else:
            try:
                moved = svc.set_day(d["day"], d["kind"] or None, d["note"], request.user)
            except GongkaiError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"已修改{d['day']}，重新计算了{moved}件办理中申请的期限")
                return redirect("calendar_year", year=year)
    row = CalendarYear.objects.filter(year=year).first()
    if row is None:
        raise Http404("没有该年度的工作日历")
    return render(request, "gongkai/calendar_year.html", {
        "row": row, "holidays": sorted(row.holidays.items()), "workdays": sorted(row.workdays.items()), "form": form,
    }, status=400 if request.method == "POST" else 200)


@admin_required
def calendar_import(request):
    form = NoticeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            data, moved = svc.import_notice(form.cleaned_data["text"], request.user,
                                            source=getattr(form.cleaned_data.get("file"), "name", "") or "")
        except GongkaiError as exc:
            form.add_error("text", str(exc))
        else:
            messages.success(request, f"已导入{data.year}年节假日安排，重新计算了{moved}件办理中申请的期限")
            return redirect("calendar_year", year=data.year)
    return render(request, "gongkai/calendar_list.html", {"years": CalendarYear.objects.all(), "form": form},
                  status=400 if request.method == "POST" else 200)
