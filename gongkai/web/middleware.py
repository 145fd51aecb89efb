"""Request limits every page gets."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render


class BodyLimit:
    """Refuses a request whose declared body is larger than settings.MAX_REQUEST_BYTES (413),
    before any of it is read: a 20 MB upload is turned away, not parsed and then refused."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            limit = settings.MAX_REQUEST_BYTES // (1024 * 1024)
            return render(request, "gongkai/error.html", {
                "title": "提交的内容过大", "message": f"一次提交的内容不能超过{limit}MB，请缩小文件后重试",
            }, status=413)
        return self.get_response(request)
