"""Response headers and request limits every page gets, and the access log."""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.shortcuts import render

access_log = logging.getLogger("gongkai.access")


class ContentSecurityPolicy:
    """Adds the Content-Security-Policy of settings.CONTENT_SECURITY_POLICY to every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class BodyLimit:
    """Refuses a request whose declared body is larger than its path's limit (settings.BODY_LIMITS): 413.

    The production server (waitress) enforces the largest limit on bodies without a length.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.limits = sorted(settings.BODY_LIMITS.items(), key=lambda item: -len(item[0]))

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = next(n for prefix, n in self.limits if request.path.startswith(prefix))
        if length > limit:
            return render(request, "gongkai/error.html", {
                "title": "提交的内容过大", "message": f"一次提交的内容不能超过{limit // (1024 * 1024)}MB，请缩小文件后重试",
            }, status=413)
        return self.get_response(request)


class AccessLog:
    """One line per request: method, path without its query (search words are names), status, time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        response = self.get_response(request)
        access_log.info("%s %s %s %.0fms", request.method, request.path, response.status_code,
                        (time.perf_counter() - start) * 1000)
        return response
