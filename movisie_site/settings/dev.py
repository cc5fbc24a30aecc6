"""Local development: ``make run``. DEBUG is on unless DJANGO_DEBUG says otherwise."""

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = env_bool("DJANGO_DEBUG", default=True)
# A fixed key is fine on a developer's machine; production reads it from the
# environment and refuses to start without one.
SECRET_KEY = env("DJANGO_SECRET_KEY", "dev-only-not-secret-" + "x" * 40)
# Mail goes to the console unless a backend is configured explicitly.
MAILERS = {
    "default": {
        "BACKEND": env(
            "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
        )
    }
}
# Uploads stay on this machine's disk and Django serves them, also with
# DEBUG off (movisie_site.views.media_file); production uses a bucket.
SERVE_MEDIA = STORAGES["default"]["BACKEND"].endswith(".LocalMediaStorage")  # noqa: F405
