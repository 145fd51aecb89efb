"""Back office in the Django admin: agencies, users and their roles, and the calendar only.

Requests, events, cases and reports hold applicants' personal data and change only through
the register's pages and services (deadlines recomputed, every step audited), so they are
not here. Every grant made here (a role, staff or superuser status, a permission such as
exporting personal data) is written to the audit.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group

from .models import Agency, CalendarYear, Membership
from .services import audit
from .views.account import ThrottledAdminLoginForm

admin.site.login_form = ThrottledAdminLoginForm  # the admin's sign-in is throttled and audited too


class NoDelete(admin.ModelAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Agency)
class AgencyAdmin(NoDelete):
    list_display = ("name", "parent", "number_prefix")
    search_fields = ("name",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit.record(request.user, "admin.agency", obj.name, obj, fields=sorted(form.changed_data))


@admin.register(Membership)
class MembershipAdmin(NoDelete):
    list_display = ("user", "agency", "role")
    list_filter = ("role", "agency")

    def save_model(self, request, obj, form, change):
        before = Membership.objects.filter(pk=obj.pk).values("agency__name", "role").first() if change else None
        super().save_model(request, obj, form, change)
        audit.record(request.user, "role.grant", obj.user.username, obj.agency, account=obj.user.username,
                     role=obj.role, agency_name=obj.agency.name,
                     before=[before["agency__name"], before["role"]] if before else None)


@admin.register(CalendarYear)
class CalendarYearAdmin(NoDelete):
    """Read here; edited on the calendar pages, which recompute the deadlines."""

    list_display = ("year", "source", "updated_at")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


User = get_user_model()
admin.site.unregister(Group)  # roles are memberships; a permission is granted to a user by name
if admin.site.is_registered(User):
    admin.site.unregister(User)

GRANTS = ("is_active", "is_staff", "is_superuser")


@admin.register(User)
class AuditedUserAdmin(UserAdmin):
    """Users as Django shows them, without groups; every change of a grant is audited."""

    fieldsets = tuple(
        (name, {**opts, "fields": tuple(f for f in opts["fields"] if f != "groups")}) for name, opts in UserAdmin.fieldsets
    )
    list_filter = ("is_staff", "is_superuser", "is_active")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        grants = [f for f in form.changed_data if f in GRANTS]
        if not change or grants:
            audit.record(request.user, "user.create" if not change else "user.grant", obj.username, None,
                         account=obj.username, **{f: getattr(obj, f) for f in GRANTS})

    def save_related(self, request, form, formsets, change):
        before = set(form.instance.user_permissions.values_list("codename", flat=True)) if change else set()
        super().save_related(request, form, formsets, change)
        after = set(form.instance.user_permissions.values_list("codename", flat=True))
        if after != before:
            username = form.instance.username
            audit.record(request.user, "permission.grant", username, None, account=username,
                         granted=sorted(after - before), revoked=sorted(before - after))
