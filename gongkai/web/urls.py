"""URL map of the register."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from . import choices
from .views import account, calendar, combined, letters, office, portal, requests


class YearConverter:
    """A year in a URL: four digits within the years the register can hold; any other is a 404."""

    regex = "[0-9]{4}"
    first, last = choices.FIRST_YEAR, choices.LAST_YEAR

    def to_python(self, value: str) -> int:
        year = int(value)
        if not self.first <= year <= self.last:
            raise ValueError(year)
        return year

    def to_url(self, value) -> str:
        return f"{int(value):04d}"


register_converter(YearConverter, "year")

admin.site.site_header = admin.site.site_title = "gongkai 后台管理"
admin.site.index_title = "政府信息公开登记"

urlpatterns = [
    path("", office.home, name="home"),
    path("login/", account.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", account.PasswordChangeView.as_view(), name="password_change"),
    path("requests/", requests.request_list, name="request_list"),
    path("requests/new/", requests.request_new, name="request_new"),
    path("requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path("requests/<int:pk>/edit/", requests.request_edit, name="request_edit"),
    path("requests/<int:pk>/event/<str:kind>/", requests.request_event, name="request_event"),
    path("requests/<int:pk>/attach/", requests.request_attach, name="request_attach"),
    path("events/<int:pk>/correct/", requests.event_correct, name="event_correct"),
    path("attachments/<int:pk>/", requests.attachment_download, name="attachment"),
    path("requests/<int:pk>/letters/<str:kind>/", letters.letter_issue, name="letter_issue"),
    path("requests/<int:pk>/answer-letter/", letters.answer_with_letter, name="answer_with_letter"),
    path("requests/<int:pk>/fee/", letters.fee_assess, name="fee_assess"),
    path("requests/<int:pk>/fee/<str:step>/", letters.fee_step, name="fee_step"),
    path("letters/", letters.letters_day, name="letters_day"),
    path("letters/print/", letters.letters_day_pdf, name="letters_day_pdf"),
    path("letters/settings/", letters.letter_settings, name="letter_settings"),
    path("letters/templates/<str:kind>/", letters.letter_template, name="letter_template"),
    path("letters/<int:pk>/supersede/", letters.letter_supersede, name="letter_supersede"),
    path("letters/<int:pk>/<str:fmt>/", letters.letter_download, name="letter_download"),
    path("cases/", office.case_list, name="case_list"),
    path("cases/new/", office.case_edit, name="case_new"),
    path("cases/<int:pk>/", office.case_edit, name="case_edit"),
    path("figures/<year:year>/", office.figures, name="figures"),
    path("report/<year:year>/", office.report_page, name="report"),
    path("report/<year:year>/approve/", office.report_approve, name="report_approve"),
    path("report/<year:year>/import/", office.report_import, name="report_import"),
    path("report/<year:year>/download/<str:fmt>/", office.report_download, name="report_download"),
    path("report/<year:year>/combined/", combined.combined_report, name="report_combined"),
    path("report/<year:year>/combined/download/<str:fmt>/", combined.combined_download, name="report_combined_download"),
    path("monthly/", office.monthly, name="monthly"),
    path("audit/", office.audit_list, name="audit"),
    path("calendar/", calendar.calendar_list, name="calendar"),
    path("calendar/import/", calendar.calendar_import, name="calendar_import"),
    path("calendar/changes/<int:pk>/", calendar.calendar_change, name="calendar_change"),
    path("calendar/<year:year>/", calendar.calendar_year, name="calendar_year"),
    path("calendar/<year:year>/day/", calendar.calendar_day, name="calendar_day"),
    path("portal/settings/", office.portal_settings, name="portal_settings"),
    # The public portal: no login; the applicant's request is opened with its number and code.
    path("apply/", portal.agencies, name="portal_agencies"),
    path("apply/<slug:slug>/", portal.apply, name="portal_apply"),
    path("apply/<slug:slug>/track/", portal.track, name="portal_track"),
    path("apply/<slug:slug>/status/", portal.status, name="portal_status"),
    path("apply/<slug:slug>/status/reply/", portal.reply, name="portal_reply"),
    path("apply/<slug:slug>/status/copy/", portal.copy, name="portal_copy"),
    path("apply/<slug:slug>/status/letters/<int:pk>/<str:fmt>/", portal.letter, name="portal_letter"),
    path("apply/<slug:slug>/leave/", portal.leave, name="portal_leave"),
    path("console/", include("gongkai.web.console.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "gongkai.web.views.errors.bad_request"
handler403 = "gongkai.web.views.errors.forbidden"
handler404 = "gongkai.web.views.errors.not_found"
handler500 = "gongkai.web.views.errors.server_error"
