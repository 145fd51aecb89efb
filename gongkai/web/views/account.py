"""Signing in (throttled, failures audited) and changing one's own password."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.urls import reverse_lazy

from ..services import audit, logins


class ThrottledLoginForm(AuthenticationForm):
    """The login form, refused outright while the account or the address is locked out."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "用户名或密码不正确",
        "locked_out": "登录失败次数过多，请%(minutes)s分钟后再试，或联系系统管理员",
    }

    def clean(self):
        from django.conf import settings

        username = (self.cleaned_data.get("username") or "")[:150]
        address = logins.address_of(self.request)
        if logins.locked_out(username, address):
            audit.record(None, "login.refused", username, None, address=address)
            raise forms.ValidationError(self.error_messages["locked_out"], code="locked_out",
                                        params={"minutes": settings.LOGIN_LOCKOUT_MINUTES})
        try:
            data = super().clean()
        except forms.ValidationError:
            logins.failed(username, address)
            raise
        logins.succeeded(self.get_user(), address)
        return data


class ThrottledAdminLoginForm(ThrottledLoginForm, AdminAuthenticationForm):
    """The admin's sign-in, throttled the same way (and still for staff only)."""


class LoginView(auth_views.LoginView):
    template_name = "gongkai/login.html"
    authentication_form = ThrottledLoginForm


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "gongkai/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record(self.request.user, "password.change", self.request.user.get_username(), None)
        messages.success(self.request, "密码已修改")
        return response
