"""Local development: ``make run`` serves the site as readers get it.

DEBUG is off (Dutch 404 and 500 pages, no debug toolbar of any kind) unless
``DJANGO_DEBUG=true``. ``make run`` serves with gunicorn, as production does
(movisie_site/devdb.py), restarted when the project's code changes; templates
and static files are read afresh on each request.
"""

from .base import *  # noqa: F403
from .base import DATABASES, STORAGES, TEMPLATES, env, env_bool

DEBUG = env_bool("DJANGO_DEBUG", default=False)
# A fixed key is fine on a developer's machine; production reads it from the
# environment and refuses to start without one.
SECRET_KEY = env("DJANGO_SECRET_KEY", "dev-only-not-secret-" + "x" * 40)
# Static files through WhiteNoise, as in production, but straight from the
# source folders and re-read on change: no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Templates read afresh on every request: with DEBUG off Django would cache
# them until the server restarts, and an edit would not show.
TEMPLATES[0]["APP_DIRS"] = False
TEMPLATES[0]["OPTIONS"]["loaders"] = [
    "django.template.loaders.filesystem.Loader",
    "django.template.loaders.app_directories.Loader",
]
# Mail is not sent: each message is printed, decoded and with whole links, in
# the terminal of `make run` (unless a backend is configured explicitly).
MAILERS = {
    "default": {
        "BACKEND": env("DJANGO_EMAIL_BACKEND", "outbox.readable_console.EmailBackend")
    }
}
# The server starts a thread per request, and a persistent connection would
# stay open per thread: a burst then exhausts PostgreSQL's connections
# ("too many clients", 503). Close each at the end of its request.
DATABASES["default"]["CONN_MAX_AGE"] = int(env("DJANGO_CONN_MAX_AGE", "0"))
# Uploads stay on this machine's disk and Django serves them, also with
# DEBUG off (movisie_site.views.media_file); production uses a bucket.
SERVE_MEDIA = STORAGES["default"]["BACKEND"].endswith(".LocalMediaStorage")
