"""Django settings of the register: everything a deployment changes comes from the environment.

`DATABASE_URL` chooses the database (PostgreSQL in production); without it the register
is a SQLite file in `GONGKAI_HOME` (or the current directory), so a first run needs no setup.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from .database import HOME, database_from_url

BASE_DIR = Path(__file__).resolve().parent


def _secret_key() -> str:
    key = os.environ.get("GONGKAI_SECRET_KEY")
    if key:
        return key
    path = HOME / ".gongkai_secret_key"
    try:
        return path.read_text().strip()
    except OSError:
        key = secrets.token_urlsafe(50)
        try:
            path.write_text(key)
            path.chmod(0o600)
        except OSError:
            pass  # a read-only home: the key lives as long as the process
        return key


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("GONGKAI_DEBUG") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("GONGKAI_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "gongkai.web.apps.OfficeConfig",
    "django_q",
    "gongkai.web.console.apps.ConsoleConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "gongkai.web.middleware.ContentSecurityPolicy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gongkai.web.middleware.BodyLimit",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
if os.environ.get("GONGKAI_ACCESS_LOG") == "1":  # set by `gongkai serve`
    MIDDLEWARE.insert(0, "gongkai.web.middleware.AccessLog")

ROOT_URLCONF = "gongkai.web.urls"
WSGI_APPLICATION = "gongkai.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.web.views.common.membership",
                "gongkai.web.views.once.form_token",
            ],
        },
    },
]

DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# WhiteNoise serves the app's and the admin's static files from the installed packages
# (no collectstatic step, no STATIC_ROOT, no separate web server), with caching headers.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False
WHITENOISE_MAX_AGE = 3600
MEDIA_ROOT = Path(os.environ.get("GONGKAI_MEDIA") or HOME / "attachments")

# Sessions and cookies: HttpOnly, SameSite, short-lived; Secure when served over HTTPS.
_HTTPS = os.environ.get("GONGKAI_HTTPS") == "1"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = _HTTPS
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = _HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Scripts only from the app's own files (no inline script, no other origin); see middleware.py.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
if _HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 3600

# Upload limits: attachments and imported files are checked again by type in the forms.
MAX_UPLOAD_BYTES = int(os.environ.get("GONGKAI_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
# The whole body of one request: the largest upload and its form (413 above it).
MAX_REQUEST_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024
CSRF_FAILURE_VIEW = "gongkai.web.views.errors.csrf_failure"


def _limit(name: str, default: int, seconds: int) -> tuple[int, int]:
    return int(os.environ.get(name, default)), seconds


# The public portal (online requests, /apply/): how often it may be used, as (how many, in how
# many seconds), counted per address, contact or request number (services/throttle.py).
PORTAL_LIMITS = {
    "post": _limit("GONGKAI_PORTAL_POSTS_PER_ADDRESS", 60, 600),  # anything sent, per 10 minutes
    "submit": _limit("GONGKAI_PORTAL_REQUESTS_PER_ADDRESS", 10, 3600),  # requests accepted, per hour
    "submit_contact": _limit("GONGKAI_PORTAL_REQUESTS_PER_CONTACT", 10, 86400),  # per phone/e-mail/ID, per day
    "code_address": _limit("GONGKAI_PORTAL_WRONG_CODES_PER_ADDRESS", 50, 3600),
    "code_number": _limit("GONGKAI_PORTAL_WRONG_CODES_PER_NUMBER", 20, 3600),  # then locked for the hour
}
PORTAL_MAX_FILE_BYTES = int(os.environ.get("GONGKAI_PORTAL_MAX_FILE_BYTES", 5 * 1024 * 1024))
PORTAL_MERGE_MINUTES = 10  # the same content sent again within this time is merged, not registered twice
PORTAL_SESSION_MINUTES = 30  # an opened request stays open this long after the applicant's last page

# Mail (notifications of online requests): written to files in GONGKAI_HOME/outbox unless
# GONGKAI_EMAIL is "console" or "smtp" (then EMAIL_HOST etc. from GONGKAI_SMTP_*).
_EMAIL = os.environ.get("GONGKAI_EMAIL", "file")
EMAIL_BACKEND = {
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}[_EMAIL]
EMAIL_FILE_PATH = str(HOME / "outbox")
EMAIL_HOST = os.environ.get("GONGKAI_SMTP_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("GONGKAI_SMTP_PORT", 25))
EMAIL_HOST_USER = os.environ.get("GONGKAI_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("GONGKAI_SMTP_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("GONGKAI_SMTP_TLS") == "1"
EMAIL_USE_SSL = os.environ.get("GONGKAI_SMTP_SSL") == "1"
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_MAIL_FROM", "gongkai@localhost")

# A batch of published reports: many files in one upload, or one zip of them. The server takes
# bodies up to this size in on disk before the page can refuse them, so it is kept moderate;
# larger collections go through `gongkai import DIR`.
MAX_BATCH_FILES = int(os.environ.get("GONGKAI_MAX_BATCH_FILES", 5000))
MAX_BATCH_BYTES = int(os.environ.get("GONGKAI_MAX_BATCH_BYTES", 256 * 1024 * 1024))
DATA_UPLOAD_MAX_NUMBER_FILES = MAX_BATCH_FILES
# The largest body a request may have, by the start of its path (the longest match applies).
BODY_LIMITS = {"/": MAX_REQUEST_BYTES, "/console/imports/": MAX_BATCH_BYTES + 1024 * 1024}

# The job queue (django-q2) keeps its tasks in the register's own database. A task that
# runs past `timeout` is stopped; one whose worker died is taken up again after `retry`.
FILE_TIMEOUT = int(os.environ.get("GONGKAI_FILE_TIMEOUT", 120))
Q_CLUSTER = {
    "name": "gongkai",
    "orm": "default",
    "workers": int(os.environ.get("GONGKAI_WORKERS", 2)),
    "timeout": FILE_TIMEOUT,
    "retry": int(os.environ.get("GONGKAI_QUEUE_RETRY", FILE_TIMEOUT + 30)),
    "max_attempts": 0,  # the tasks count their own attempts (gongkai.web.console.jobs)
    "save_limit": -1,  # a task's outcome is its item's state; failed tasks are still kept
    "queue_limit": 20,
    "poll": 0.3,
    "catch_up": False,
    "label": "任务队列",
}

# Login throttling: failed logins are audited, and counted from the audit (see services/logins.py).
LOGIN_FAILURES_PER_ACCOUNT = int(os.environ.get("GONGKAI_LOGIN_FAILURES_PER_ACCOUNT", 5))
LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("GONGKAI_LOGIN_FAILURES_PER_ADDRESS", 20))
LOGIN_LOCKOUT_MINUTES = int(os.environ.get("GONGKAI_LOGIN_LOCKOUT_MINUTES", 15))

# Logs carry no personal data: query strings (search words are applicants' names) are cut from
# every logged path, and refusals (4xx) are one line, never a traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"private": {"()": "gongkai.web.logs.PrivateRecords"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["private"], "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "gongkai.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
