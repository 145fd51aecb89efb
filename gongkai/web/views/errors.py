"""Error pages in Chinese."""

from django.shortcuts import render


def bad_request(request, exception=None):
    """400: a form too large to read says so; anything else is a malformed request."""
    from django.conf import settings
    from django.core.exceptions import RequestDataTooBig

    if isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        message = f"提交的内容过大：表单中的文字不能超过{limit}MB（文件请用上传），未办理任何事项"
        return render(request, "gongkai/error.html", {"title": "提交的内容过大", "message": message}, status=400)
    return render(request, "gongkai/error.html", {"title": "请求有误", "message": "请求的格式有误，未办理任何事项"},
                  status=400)


def forbidden(request, exception=None):
    message = str(exception) if exception and str(exception) else "您没有权限执行此操作"
    return render(request, "gongkai/error.html", {"title": "无权访问", "message": message}, status=403)


def not_found(request, exception=None):
    return render(request, "gongkai/error.html", {"title": "页面不存在", "message": "您访问的页面或记录不存在"}, status=404)


def server_error(request):
    return render(request, "gongkai/error.html", {"title": "系统错误", "message": "系统出现错误，请稍后再试或联系管理员"},
                  status=500)


def csrf_failure(request, reason=""):
    """A form sent without the page's token (a forged post, or a page open too long)."""
    return render(request, "gongkai/error.html", {
        "title": "提交未被接受",
        "message": "表单已过期或不是从本网站的页面提交的，未作任何处理。请返回上一页，刷新页面后重新填写提交。",
    }, status=403)
