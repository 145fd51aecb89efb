from django.apps import AppConfig


class OfficeConfig(AppConfig):
    """The agency's register of requests, cases, figures and annual reports."""

    name = "gongkai.web"
    label = "office"
    verbose_name = "政府信息公开登记"
    default_auto_field = "django.db.models.BigAutoField"
