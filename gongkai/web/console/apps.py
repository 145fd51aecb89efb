from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    """The supervisor's console: the published reports of every agency below, collected and checked."""

    name = "gongkai.web.console"
    label = "console"
    verbose_name = "监督工作台"
    default_auto_field = "django.db.models.BigAutoField"
