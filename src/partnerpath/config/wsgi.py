"""WSGI entry point for gunicorn (`partnerpath serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnerpath.config.settings")
application = get_wsgi_application()
