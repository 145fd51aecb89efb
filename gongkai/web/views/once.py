"""One-time form tokens: a form sent twice (a double click, a page resent) is applied once.

Every page carries a fresh token (`form_token`, put in each form by form_token.html). A view
decorated with `one_time_form` runs in one transaction with the spending of the token: the
token's row is unique, so of two submissions of the same form one commits and the other
finds the token spent, is rolled back whole, and is sent where the first one led.
A POST without a token (a script) is handled as before, unprotected.
"""

from __future__ import annotations

import secrets
from functools import wraps

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject

from ..models import FormSubmission

TOKEN_FIELD = "form_token"


def form_token(request) -> dict:
    """Context processor: a new token for the forms of the page being rendered."""
    return {"form_token": SimpleLazyObject(lambda: secrets.token_urlsafe(24))}


class _Spent(Exception):
    pass


def one_time_form(view):
    """Apply a POST at most once per token; a repeat goes where the first submission led."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        token = request.POST.get(TOKEN_FIELD, "")[:64] if request.method == "POST" else ""
        if not token:
            return view(request, *args, **kwargs)
        earlier = FormSubmission.objects.filter(token=token).first()
        if earlier is not None:
            return _repeated(request, earlier)
        try:
            with transaction.atomic():
                response = view(request, *args, **kwargs)
                if response.status_code in (301, 302, 303):  # applied: the token is spent
                    try:
                        with transaction.atomic():
                            FormSubmission.objects.create(token=token, user=_user(request), result=response.url)
                    except IntegrityError:
                        raise _Spent from None
        except _Spent:
            return _repeated(request, FormSubmission.objects.get(token=token))
        return response

    return wrapper


def _user(request):
    user = getattr(request, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


def _repeated(request, earlier: FormSubmission):
    for _ in messages.get_messages(request):  # what the rolled-back attempt said did not happen
        pass
    messages.warning(request, "此表单已经提交过一次，重复提交未再办理")
    return redirect(earlier.result or "/")
