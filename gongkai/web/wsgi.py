"""WSGI entry point: `gunicorn gongkai.web.wsgi` in production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
application = get_wsgi_application()
