"""Back-office data in the Django admin. Requests and events are read-only here: they change
through the register's services so that deadlines are recomputed and every step audited."""

from django.contrib import admin

from .models import (
    Agency, AnnualReport, AuditEntry, CalendarYear, Case, Event, Membership, ProactiveFigures, PublishedReport,
    ReportVersion, Request,
)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class NoDelete(admin.ModelAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Agency)
class AgencyAdmin(NoDelete):
    list_display = ("name", "parent", "number_prefix")
    search_fields = ("name",)


@admin.register(Membership)
class MembershipAdmin(NoDelete):
    list_display = ("user", "agency", "role")
    list_filter = ("role", "agency")


@admin.register(Request)
class RequestAdmin(ReadOnly):
    list_display = ("number", "agency", "applicant_kind", "received", "status", "outcome", "answer_due")
    list_filter = ("status", "agency")
    search_fields = ("number", "applicant_name")


@admin.register(Event)
class EventAdmin(ReadOnly):
    list_display = ("request", "kind", "on", "corrects", "by", "at")


@admin.register(Case)
class CaseAdmin(ReadOnly):
    list_display = ("agency", "kind", "filed", "closed", "result")


@admin.register(ProactiveFigures)
class FiguresAdmin(ReadOnly):
    list_display = ("agency", "year")


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnly):
    list_display = ("agency", "year", "published", "updated_at")


@admin.register(ReportVersion)
class ReportVersionAdmin(ReadOnly):
    list_display = ("report", "number", "approved_by", "approved_at", "sha256")


@admin.register(PublishedReport)
class PublishedReportAdmin(ReadOnly):
    list_display = ("agency", "year", "source_name", "imported_at")


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnly):
    list_display = ("year", "source", "updated_at")


@admin.register(AuditEntry)
class AuditAdmin(ReadOnly):
    list_display = ("at", "user", "agency", "action", "target")
    list_filter = ("action",)
